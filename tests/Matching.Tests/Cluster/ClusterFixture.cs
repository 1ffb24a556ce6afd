using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>One in-process silo with memory storage and four index shards per side, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Shards = 4;

    /// <summary>A small reserve, so that the tests' lists run out of it and fall back to the index often.</summary>
    public const int Reserve = 3;

    /// <summary>Not the default, so that a test can see the setting reach Orleans.</summary>
    public static readonly TimeSpan ItemIdleAge = TimeSpan.FromMinutes(7);

    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>The silo's services, for the settings it runs with.</summary>
    public IServiceProvider SiloServices => _cluster!.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMatchingMemoryStorage();
            silo.AddMatchingGrains();
            // A fresh model store: never the models a developer activated on this machine.
            silo.Services.Configure<ModelOptions>(o => o.ModelsPath = Path.Combine(Path.GetTempPath(), "matching-tests", "cluster-models-" + Guid.NewGuid().ToString("N")));
            silo.Services.Configure<MatchingOptions>(o =>
            {
                o.ShardCount = Shards;
                o.KeptReserve = Reserve;
                o.SweepQuiet = TimeSpan.FromMilliseconds(100); // the property test imports in many small bursts
                o.ItemIdleAge = ItemIdleAge;
                o.AdmissionBound = TimeSpan.FromMinutes(1); // load shedding depends on the machine's speed, which these tests do not measure (AdmissionTests do)
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Waits until the tenant's propagation backlog is empty: then every kept shortlist is current.</summary>
    public async Task WaitForQuietAsync(string tenant)
    {
        var search = Grains.GetGrain<ISearchGrain>(0);
        await Wait.UntilAsync(async () => (await search.GetStatusAsync(tenant)).Backlog.Pending == 0,
            () => $"the backlog of {tenant} did not drain", poll: TimeSpan.FromMilliseconds(10));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
