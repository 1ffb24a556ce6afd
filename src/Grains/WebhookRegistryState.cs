namespace Matching.Grains;

/// <summary>What storage holds for a tenant's webhooks: at most <see cref="WebhookRules.MaxWebhooks"/>, written whole (a few KB).</summary>
[GenerateSerializer, Alias("Matching.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    [Id(0)] public Dictionary<string, WebhookRecord> Webhooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rises on every change, so that dispatchers can ignore a set older than the one they hold.</summary>
    [Id(1)] public long Version { get; set; }
}
