using Matching.Grains;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Matching.Api;

public static class OrleansHosting
{
    /// <summary>
    /// The embedded default: this process co-hosts one silo (localhost clustering, in-memory storage), so that
    /// one command serves the whole API with no Redis and no set-up. With <c>ConnectionStrings:redis</c> set, the
    /// API is an Orleans client of the silos that Redis membership lists (cluster mode: README, "Run a cluster").
    /// </summary>
    public static WebApplicationBuilder AddMatchingOrleans(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("redis");
        var dashboard = DashboardEnabled(builder.Configuration);
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.UseOrleans(silo =>
            {
                silo.AddMatchingSilo(builder.Configuration);
                if (dashboard)
                {
                    silo.AddDashboard();
                }
            });
            return builder;
        }

        var (clusterId, serviceId) = Matching.Grains.SiloBuilderExtensions.ClusterIds(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = Matching.Grains.SiloBuilderExtensions.RedisOptions(redis));
            // Learn of a silo's death and of new gateways quickly (defaults: a minute).
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // A call pending on a silo that dies fails after this instead of 30 s, and is retried (ClusterRetry).
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = Matching.Grains.SiloBuilderExtensions.ClusterResponseTimeout);
            // The SSE hub subscribes to the silos' shortlist streams from this process.
            client.AddMemoryStreams(ShortlistStreams.Provider);
            if (Telemetry.Exports(builder.Configuration))
            {
                client.AddActivityPropagation();
            }

            if (dashboard)
            {
                client.AddDashboard(); // the silos must have it too (Dashboard:Enabled on each)
            }
        });
        return builder;
    }

    /// <summary>
    /// The Orleans Dashboard at <c>/dashboard</c>: <c>Dashboard:Enabled</c>, on by default for the embedded default
    /// and off for a cluster (it profiles every grain call).
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Dashboard:Enabled") ?? string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis"));
}
