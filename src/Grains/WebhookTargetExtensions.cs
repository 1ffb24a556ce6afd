using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains;

public static class WebhookTargetExtensions
{
    /// <summary>
    /// The webhook target policy (SSRF), bound from <see cref="WebhookTargetOptions.Section"/> and validated at start:
    /// the Api checks registrations with it and silos deliveries. Registering it twice (an Api co-hosting a silo) adds nothing.
    /// </summary>
    public static IServiceCollection AddWebhookTargets(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WebhookTargetPolicy)))
        {
            return services;
        }

        services.AddOptions<WebhookTargetOptions>().BindConfiguration(WebhookTargetOptions.Section)
            .Validate(o => WebhookTargetPolicy.InvalidEntries(o).Length == 0, "Webhooks:AllowedNetworks: each entry must be a CIDR range (10.20.0.0/16), an address or a host name")
            .ValidateOnStart();
        services.AddSingleton(sp => new WebhookTargetPolicy(sp.GetRequiredService<IOptions<WebhookTargetOptions>>().Value));
        return services;
    }
}
