using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>One in-process silo with memory storage and four index shards per side, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Shards = 4;

    private InProcessTestCluster? _cluster;

    public IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Items);
            silo.AddMatchingGrains();
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
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
