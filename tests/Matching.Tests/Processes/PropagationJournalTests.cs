using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Matching.Tests.Cluster;
using StackExchange.Redis;

namespace Matching.Tests.Processes;

/// <summary>
/// What a propagator lost with its silo is carried by its next activation, from the journal in Redis. The state a
/// lost activation leaves is set up exactly: an offer indexed without propagation (a bulk import's item, with no
/// sweep), and the journal entries the lost activation had written; then the propagator's first activation must
/// bring the need's kept list up to date. An in-process silo (memory grain storage) with the journal in the
/// process fixture's real Redis, on a tenant of its own, so that no other test's propagators are involved.
/// </summary>
[Collection(ProcessesCollection.Name)]
public sealed class PropagationJournalTests(ClusterProcesses processes) : IAsyncLifetime
{
    private const int Shards = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _service = "journal-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer? _redis;
    private InProcessTestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync()
    {
        await processes.EnsureRunningAsync(silos: 2);
        _redis = await ConnectionMultiplexer.ConnectAsync(Matching.Grains.SiloBuilderExtensions.RedisOptions($"127.0.0.1:{processes.RedisPort}"));
        var journal = new RedisPropagationJournal(_redis, _service);
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IPropagationJournal>(journal);
            silo.AddMatchingMemoryStorage();
            silo.AddMatchingGrains();
            silo.Services.Configure<ModelOptions>(o => o.ModelsPath = Path.Combine(Path.GetTempPath(), "matching-tests", "journal-models-" + Guid.NewGuid().ToString("N")));
            silo.Services.Configure<MatchingOptions>(o => o.ShardCount = Shards);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _redis?.Dispose();
    }

    [Fact]
    public async Task A_propagator_activated_again_carries_the_changes_its_lost_activation_had_journaled()
    {
        var need = await PutNeedAsync("n1");
        await Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, "o1")).ImportAsync(ItemGrainTests.QuantumOffer());
        Assert.DoesNotContain("o1", await KeptAsync(need)); // indexed, and no list told: what a lost queue leaves

        var propagator = GrainKeys.Shard(_tenant, Side.Offers, GrainKeys.ShardOf("o1", Shards));
        var db = _redis!.GetDatabase();
        await db.SetAddAsync($"{_service}/propagation/{propagator}", "o1"); // what EnqueueAsync wrote before the loss
        await Grains.GetGrain<IPropagatorGrain>(propagator).GetBacklogAsync(); // its next activation

        await processes.WaitUntilAsync(async () => (await KeptAsync(need)).Contains("o1"), Deadline, "the need's kept list never got the journaled offer");
        await processes.WaitUntilAsync(async () => await db.SetLengthAsync($"{_service}/propagation/{propagator}") == 0, Deadline, "the journal still holds the carried id");
    }

    [Fact]
    public async Task A_propagator_activated_again_finishes_the_sweep_of_all_lists_its_lost_activation_had_journaled()
    {
        // Imported, not put, so that no needs' propagator is active yet; its list is computed by this first read.
        var need = Grains.GetGrain<INeedGrain>(GrainKeys.Item(_tenant, "n2"));
        await need.ImportAsync(ItemGrainTests.QuantumNeed());
        Assert.Empty(await KeptAsync(need));
        await Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, "o2")).ImportAsync(ItemGrainTests.QuantumOffer());
        Assert.DoesNotContain("o2", await KeptAsync(need));

        // The sweep of every need's list that a bulk import of offers asks for, begun and lost.
        var propagator = GrainKeys.Shard(_tenant, Side.Needs, GrainKeys.ShardOf("n2", Shards));
        var db = _redis!.GetDatabase();
        await db.StringSetAsync($"{_service}/propagation/{propagator}:sweep", 1);
        await Grains.GetGrain<IPropagatorGrain>(propagator).GetBacklogAsync();

        await processes.WaitUntilAsync(async () => (await KeptAsync(need)).Contains("o2"), Deadline, "the need's kept list was never swept");
        await processes.WaitUntilAsync(async () => !await db.KeyExistsAsync($"{_service}/propagation/{propagator}:sweep"), Deadline, "the sweep is still recorded as unfinished");
    }

    private async Task<INeedGrain> PutNeedAsync(string id)
    {
        var need = Grains.GetGrain<INeedGrain>(GrainKeys.Item(_tenant, id));
        await need.PutAsync(ItemGrainTests.QuantumNeed());
        return need;
    }

    private static async Task<string[]> KeptAsync(INeedGrain need) =>
        (await need.GetShortlistAsync(20, fresh: false))!.Items.Select(i => i.Id).ToArray();
}
