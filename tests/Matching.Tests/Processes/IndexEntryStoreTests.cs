using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StackExchange.Redis;

namespace Matching.Tests.Processes;

/// <summary>The index entries a shard rebuilds from, in the process fixture's real Redis, on a service of their own.</summary>
[Collection(ProcessesCollection.Name)]
public sealed class IndexEntryStoreTests(ClusterProcesses processes) : IAsyncLifetime
{
    private const string Shard = "t/offers/0";
    private readonly string _service = "entries-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private ConnectionMultiplexer? _redis;

    public async Task InitializeAsync()
    {
        await processes.EnsureRunningAsync(silos: 2);
        _redis = await ConnectionMultiplexer.ConnectAsync(Matching.Grains.SiloBuilderExtensions.RedisOptions($"127.0.0.1:{processes.RedisPort}"));
    }

    public Task DisposeAsync()
    {
        _redis?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_entry_stored_before_the_profile_was_one_type_loads_as_the_same_entry()
    {
        var facts = new ItemFacts("energy", "CN", 6, TransferModes.License, true);
        var old = new IndexEntryV1("o1", "Solid-state battery", [3, 9], [0.6f, 0.8f], facts, 4,
            new IndexEntryV1.TextFacets([1, 2], 3, [9], [1], [3], [1], (byte)Language.English));
        await _redis!.GetDatabase().HashSetAsync($"{_service}/entries/{Shard}", "o1", _serializer.SerializeToArray(old));
        var store = new RedisIndexEntryStore(_redis, _serializer, _service);
        var current = new IndexEntry("o2", "Proton therapy", facts, 1, new TextProfile([5], [(Half)1], [(Half)2], 2, [5], [(Half)1], [], [], Language.English));
        await store.SaveAsync(Shard, current);

        var loaded = new Dictionary<string, IndexEntry>();
        await foreach (var entry in store.LoadAsync(Shard))
        {
            loaded[entry.Id] = entry;
        }

        Assert.Equal(2, loaded.Count);
        var converted = loaded["o1"];
        Assert.Equal(("Solid-state battery", facts, 4L), (converted.Title, converted.Facts, converted.Version));
        var text = converted.Text;
        Assert.Equal([3, 9], text.Slots);
        Assert.Equal([(Half)0.6f, (Half)0.8f], text.Weights);
        Assert.Equal([(Half)1, (Half)2], text.Frequencies);
        Assert.Equal(3, text.Length);
        Assert.Equal([9], text.TitleSlots);
        Assert.Equal([(Half)1], text.TitleWeights);
        Assert.Equal([3], text.KeywordSlots);
        Assert.Equal([(Half)1], text.KeywordWeights);
        Assert.Equal(Language.English, text.Language);
        Assert.Equal(current.Text.Slots, loaded["o2"].Text.Slots);
        Assert.Equal(current.Text.Frequencies, loaded["o2"].Text.Frequencies);
    }

    [Fact]
    public async Task An_entry_stored_while_the_profile_held_floats_loads_with_the_same_numbers_in_half_precision()
    {
        var facts = new ItemFacts("energy", "CN", 6, TransferModes.License, true);
        var old = new IndexEntryV2("o1", "Solid-state battery", facts, 4,
            new IndexEntryV2.FloatProfile([3, 9, 12], [0.6f, 0.7f, 0.3873f], [1, 2, 0.25f], 3, [9], [1], [3], [1], Language.Chinese) { Translated = [12] });
        await _redis!.GetDatabase().HashSetAsync($"{_service}/entries/{Shard}", "o1", _serializer.SerializeToArray(old));
        var store = new RedisIndexEntryStore(_redis, _serializer, _service);

        var loaded = new List<IndexEntry>();
        await foreach (var entry in store.LoadAsync(Shard))
        {
            loaded.Add(entry);
        }

        var converted = Assert.Single(loaded);
        Assert.Equal(("o1", "Solid-state battery", facts, 4L), (converted.Id, converted.Title, converted.Facts, converted.Version));
        var text = converted.Text;
        Assert.Equal([3, 9, 12], text.Slots);
        Assert.Equal([(Half)0.6f, (Half)0.7f, (Half)0.3873f], text.Weights);
        Assert.Equal([(Half)1, (Half)2, (Half)0.25f], text.Frequencies);
        Assert.Equal(3, text.Length);
        Assert.Equal([(Half)1], text.TitleWeights);
        Assert.Equal([(Half)1], text.KeywordWeights);
        Assert.Equal(Language.Chinese, text.Language);
        Assert.Equal([12], text.Translated);
    }
}
