using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        silo.AddMemoryGrainStorage(StorageNames.Items);
        silo.AddMemoryGrainStorage(StorageNames.Shortlists);
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryGrainStorage(WebhookSiloBuilderExtensions.Storage);
        return silo.AddMatchingGrains();
    }

    /// <summary>
    /// Registers what the grains need on every silo: options, the per-silo model host and the shortlist fan-out.
    /// </summary>
    public static ISiloBuilder AddMatchingGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section)
            .Validate(o => o.ShardCount is >= 1 and <= 1024, "Matching:ShardCount must be 1 to 1024")
            .ValidateOnStart();
        silo.AddMemoryStreams(Contracts.ShortlistStreams.Provider);
        silo.Services.AddSingleton<ModelHost>();
        silo.Services.AddHostedService<ModelWarmup>();
        silo.Services.AddSingleton<ShortlistBuilder>();
        silo.Services.AddSingleton(TimeProvider.System);
        return silo.AddMatchingWebhooks();
    }
}
