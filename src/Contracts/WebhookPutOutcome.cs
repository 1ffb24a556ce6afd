namespace Matching.Contracts;

/// <summary>What registering a webhook did.</summary>
[GenerateSerializer]
public enum WebhookPutOutcome : byte
{
    /// <summary>A new webhook was stored.</summary>
    Created = 0,
    /// <summary>An existing webhook was replaced (or was already equal).</summary>
    Replaced = 1,
    /// <summary>Nothing was stored: the tenant already has <see cref="WebhookRules.MaxWebhooks"/> webhooks.</summary>
    Full = 2,
}
