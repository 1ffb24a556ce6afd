using BenchmarkDotNet.Attributes;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Adhoc;
using Matching.Load.Generation;
using Matching.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matching.Load.Benchmarks;

/// <summary>
/// Text features per document: the bundled featurizer's profile (segmentation, stop words, TF-IDF of the text, the
/// title and the keywords) of generated offers, short and long, Chinese and English, fixed by seed.
/// </summary>
[MemoryDiagnoser]
public class TextFeatureBenchmarks
{
    private const int Documents = 200;
    private ItemText[] _texts = [];
    private TextModel _featurizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _featurizer = DefaultFeaturizer.Model;
        _texts = [.. new CorpusGenerator(seed: 1, offers: Documents, needs: 0).Offers()
            .Select(o => new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords))];
    }

    /// <summary>One document's profile (mean over 200 documents of every length the generator writes).</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public int Profile()
    {
        var slots = 0;
        foreach (var text in _texts)
        {
            slots += _featurizer.Profile(text).All.Slots.Length;
        }

        return slots;
    }
}

/// <summary>
/// The first phase per query: <see cref="InvertedIndex{TPayload}.Query"/> over one index of generated offers, asked
/// for the ranker's pool (20), for generated needs in turn (the default common-term bound). One index, not the
/// silo's 8 shards: the library's cost; <c>load -- adhoc</c> measures the silo's fan-out.
/// </summary>
[MemoryDiagnoser]
public class FirstPhaseBenchmarks
{
    private const int Queries = 500;
    private InvertedIndex<int> _index = null!;
    private (int[] Slots, float[] Weights)[] _queries = [];
    private int _next;

    [Params(100_000, 1_000_000)]
    public int Offers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var featurizer = DefaultFeaturizer.Model;
        var generator = new CorpusGenerator(seed: 1, Offers, Queries);
        var index = new FirstPhaseIndex<int>([.. generator.Offers().AsParallel().AsOrdered()
            .Select(o => (o.Id, featurizer.Profile(new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords)), 0))]);
        _index = index.Index;
        _queries = [.. generator.Needs()
            .Select(n => featurizer.Profile(new ItemText(n.Data.Title, n.Data.Description, n.Data.Keywords)))
            .Select(p => (p.All.Slots, Bm25.NeedWeights(p.All.Slots, p.Frequencies, index.Statistics)))];
    }

    /// <summary>One query, the next of 500 generated needs each call.</summary>
    [Benchmark]
    public int Query()
    {
        var query = _queries[_next++ % _queries.Length];
        return _index.Query(query.Slots, query.Weights, _ => true, KeptShortlist.Capacity).Count;
    }
}

/// <summary>
/// A grain call: a kept-shortlist read (<c>INeedGrain.GetShortlistAsync(3)</c>) through an in-process silo's grain
/// factory, over 2,000 generated offers and 200 needs whose lists are computed in setup. What every HTTP read
/// costs inside the silo, without HTTP.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private IHost _silo = null!;
    private INeedGrain[] _needs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _silo = AdhocBenchmark.BuildSilo(shards: 8);
        _silo.StartAsync().GetAwaiter().GetResult();
        var grains = _silo.Services.GetRequiredService<IGrainFactory>();
        var generator = new CorpusGenerator(seed: 1, offers: 2_000, needs: 200);
        foreach (var offer in generator.Offers())
        {
            grains.GetGrain<IOfferGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, offer.Id)).PutAsync(offer.Data).GetAwaiter().GetResult();
        }

        _needs = [.. generator.Needs().Select(n =>
        {
            var need = grains.GetGrain<INeedGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, n.Id));
            need.PutAsync(n.Data).GetAwaiter().GetResult();
            return need;
        })];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.StopAsync().GetAwaiter().GetResult();
        _silo.Dispose();
    }

    /// <summary>One kept-shortlist read, the next of 200 needs each call.</summary>
    [Benchmark]
    public async Task<int> KeptRead() => (await _needs[_next++ % _needs.Length].GetShortlistAsync(3, fresh: false))!.Items.Length;
}
