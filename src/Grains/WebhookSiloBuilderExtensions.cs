using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains;

public static class WebhookSiloBuilderExtensions
{
    /// <summary>Storage of the tenants' webhook registrations (<see cref="WebhookRegistryGrain"/>); the silo must register it.</summary>
    public const string Storage = "webhooks";

    /// <summary>
    /// Webhook delivery: options and the per-silo <see cref="WebhookDelivery"/> service that the dispatcher grains
    /// enqueue into. The silo must also register grain storage <see cref="Storage"/>.
    /// </summary>
    public static ISiloBuilder AddMatchingWebhooks(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(
                o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.MaxAttempts >= 1 && o.Timeout > TimeSpan.Zero,
                "Webhooks: FirstRetryDelay > 0, MaxRetryDelay >= FirstRetryDelay, MaxAttempts >= 1 and Timeout > 0")
            .ValidateOnStart();
        silo.Services.AddWebhookTargets();
        silo.Services.AddSingleton<WebhookDelivery>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDelivery>());
        return silo;
    }
}
