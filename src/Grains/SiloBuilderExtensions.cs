using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Persistence;
using Orleans.Storage;
using StackExchange.Redis;

namespace Matching.Grains;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Configures a Matching silo. Without Redis configured this is the embedded default: localhost clustering
    /// and in-memory storage. Ports come from <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c>
    /// (defaults 11111 and 30000).
    /// </summary>
    public static ISiloBuilder AddMatchingSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000);
        var redis = configuration.GetConnectionString("redis");
        if (Telemetry.Exports(configuration))
        {
            silo.AddActivityPropagation(); // a grain call's trace continues the caller's
        }

        if (string.IsNullOrWhiteSpace(redis))
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            // One silo has no remote lookups to cache, and Orleans' gauge of the cache walks every entry at each sample.
            silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
            return silo.AddMatchingMemoryStorage().AddMatchingGrains();
        }

        return silo.AddMatchingRedis(configuration, redis, siloPort, gatewayPort).AddMatchingGrains();
    }

    /// <summary>
    /// Cluster mode (<c>ConnectionStrings:redis</c> set): Redis membership, Redis grain storage for every storage
    /// name, index entries and model files in Redis, and membership settings under which a killed silo is declared
    /// dead within about 10 s (README, "Run a cluster").
    /// </summary>
    public static ISiloBuilder AddMatchingRedis(this ISiloBuilder silo, IConfiguration configuration, string redis, int siloPort, int gatewayPort)
    {
        var cluster = ClusterIds(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = cluster);
        var advertised = IPAddress.Parse(configuration["Orleans:AdvertisedIP"] ?? "127.0.0.1");
        silo.ConfigureEndpoints(advertised, siloPort, gatewayPort);
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(redis));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A silo that misses 2 probes of 2 s is suspected, and one vote declares it dead (two silos can only
            // ever give one); with defaults (5 s, 3 probes, 2 votes) a dead silo lingered 15 s and more.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        // Grain-to-grain calls pending on a silo that dies fail after this (default 30 s); the Api retries idempotent ones.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ClusterResponseTimeout);
        foreach (var name in StorageNamesAll)
        {
            silo.AddRedisGrainStorage(name, (OptionsBuilder<RedisStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
            {
                o.ConfigurationOptions = RedisOptions(redis);
                o.GrainStorageSerializer = new CompressedStorageSerializer(new OrleansGrainStorageSerializer(serializer));
            }));
        }

        silo.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
        silo.Services.AddSingleton<IIndexEntryStore>(sp =>
            new RedisIndexEntryStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<Serializer>(), cluster.ServiceId));
        silo.Services.AddSingleton<IModelStore>(sp => new RedisModelStore(sp.GetRequiredService<IConnectionMultiplexer>(), cluster.ServiceId));
        silo.Services.AddSingleton<IPropagationJournal>(sp => new RedisPropagationJournal(sp.GetRequiredService<IConnectionMultiplexer>(), cluster.ServiceId));
        return silo;
    }

    /// <summary>How long a grain call may wait for its answer in cluster mode (long scans say otherwise per method).</summary>
    public static readonly TimeSpan ClusterResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Cluster and service ids from <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c> (default <c>matching</c>).</summary>
    public static (string ClusterId, string ServiceId) ClusterIds(IConfiguration configuration) =>
        (configuration["Orleans:ClusterId"] ?? "matching", configuration["Orleans:ServiceId"] ?? "matching");

    /// <summary>
    /// Redis connection options, chosen so that a write is refused within API.md's 2 s when Redis is unreachable:
    /// a command to a Redis whose connection is known to be down fails at once instead of waiting in the
    /// multiplexer's backlog (BacklogPolicy.FailFast); a command to a Redis that does not answer fails after 1 s,
    /// checked every 200 ms (timeouts are only evaluated on the heartbeat, 1 s by default, which made a refused write
    /// take up to 2.8 s on a busy machine). The multiplexer keeps reconnecting in the background, so the service
    /// recovers by itself when Redis is back.
    /// </summary>
    public static ConfigurationOptions RedisOptions(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        options.ConnectTimeout = 1000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        return options;
    }

    private static readonly string[] StorageNamesAll =
        [StorageNames.Items, StorageNames.Shortlists, StorageNames.PubSub, StorageNames.Feedback, StorageNames.Statistics, StorageNames.ApiKeys, WebhookSiloBuilderExtensions.Storage];

    /// <summary>
    /// Every grain storage the grains use, in memory (the embedded default and the in-process test cluster).
    /// States are stored with Orleans' binary serializer: the default JSON serializer took most of the silo's CPU
    /// when kept shortlists change often (profiled under <c>load -- realtime</c>, docs/benchmarks.md). They are kept
    /// compressed (<see cref="CompressedStorageSerializer"/>): this storage is the process's own memory.
    /// </summary>
    public static ISiloBuilder AddMatchingMemoryStorage(this ISiloBuilder silo)
    {
        string[] names = [StorageNames.Items, StorageNames.Shortlists, StorageNames.PubSub, WebhookSiloBuilderExtensions.Storage, StorageNames.Feedback, StorageNames.Statistics, StorageNames.ApiKeys];
        foreach (var name in names)
        {
            silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> options) =>
                options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new CompressedStorageSerializer(new OrleansGrainStorageSerializer(serializer))));
        }

        return silo;
    }

    /// <summary>
    /// Registers what the grains need on every silo: options, the per-silo model host and the shortlist fan-out.
    /// </summary>
    public static ISiloBuilder AddMatchingGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section)
            .Validate(o => o.ShardCount is >= 1 and <= 1024, "Matching:ShardCount must be 1 to 1024")
            .Validate(o => o.KeptReserve is >= 0 and <= 100, "Matching:KeptReserve must be 0 to 100")
            .Validate(o => o.StatisticsDrift is > 0 and <= 10, "Matching:StatisticsDrift must be more than 0 and at most 10")
            .Validate(o => o.StatisticsQuiet >= TimeSpan.Zero, "Matching:StatisticsQuiet must not be negative")
            .Validate(o => o.AdmissionBound >= TimeSpan.Zero, "Matching:AdmissionBound must not be negative")
            .Validate(o => o.ItemIdleAge > TimeSpan.FromMinutes(1), "Matching:ItemIdleAge must be more than 1 minute (Orleans looks for idle grains once a minute)")
            .Validate(o => o.MemoryTrimItems >= 0, "Matching:MemoryTrimItems must not be negative")
            .ValidateOnStart();
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<MatchingOptions>>((collection, matching) =>
        {
            collection.ClassSpecificCollectionAge[typeof(OfferGrain).FullName!] = matching.Value.ItemIdleAge;
            collection.ClassSpecificCollectionAge[typeof(NeedGrain).FullName!] = matching.Value.ItemIdleAge;
        });
        // Listeners read changes as they happen; the stream cache need not keep them for replay (with the default
        // half hour it held gigabytes of events under load).
        // Pulled every 10 ms (default 100) from 16 queues (default 8): the default moved a few thousand changes a
        // second, less than the propagation of 100 writes a second produces (load -- realtime).
        silo.AddMemoryStreams(Contracts.ShortlistStreams.Provider, streams =>
        {
            streams.ConfigurePartitioning(16);
            streams.ConfigurePullingAgent(options => options.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
            streams.ConfigureCacheEviction(options => options.Configure(o =>
            {
                o.DataMinTimeInCache = TimeSpan.FromSeconds(5);
                o.DataMaxAgeInCache = TimeSpan.FromSeconds(30);
            }));
        });
        // Orleans' placement runs every new activation through a Polly pipeline whose telemetry logs each run at
        // Information: four lines per new grain, some 190,000 lines a minute during an import. Warnings still show.
        silo.Services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.Warning));
        silo.Services.AddSingleton<ModelHost>();
        silo.Services.AddHostedService<ModelWarmup>();
        // The model registry's files and active pointer (a folder in the embedded default), and a watcher per silo that
        // loads the active model. Hosted services start in order, after the silo's own: the watcher's first sync
        // finds the silo running, and the host reports started only once the active model is loaded.
        silo.Services.AddOptions<ModelOptions>().BindConfiguration(MatchingOptions.Section)
            .Validate(o => o.ModelPollInterval > TimeSpan.Zero && o.ModelPollInterval <= TimeSpan.FromHours(1), "Matching:ModelPollInterval must be more than 0 and at most 1 hour")
            .Validate(o => o.ModelsPath is not { Length: > 0 } path || path.Trim().Length > 0, "Matching:ModelsPath must be a folder path, or empty for the default")
            .ValidateOnStart();
        // The embedded stores, unless cluster mode (AddMatchingRedis) registered Redis ones first.
        silo.Services.TryAddSingleton<IModelStore>(sp =>
            new FolderModelStore(sp.GetRequiredService<IOptions<ModelOptions>>().Value.ModelsPath is { Length: > 0 } path ? path : FolderModelStore.DefaultPath));
        silo.Services.TryAddSingleton<IIndexEntryStore, NoIndexEntryStore>();
        silo.Services.TryAddSingleton<IPropagationJournal, NoPropagationJournal>();
        silo.Services.AddSingleton<ModelWatcher>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<ModelWatcher>());
        silo.Services.AddSingleton<ShortlistBuilder>();
        silo.Services.AddSingleton<SweepGate>();
        silo.Services.AddSingleton(sp => new MemoryTrim(sp.GetRequiredService<IOptions<MatchingOptions>>().Value.MemoryTrimItems, sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddHostedService<MemoryTrimService>();
        silo.Services.AddSingleton(TimeProvider.System);
        return silo.AddMatchingWebhooks();
    }
}
