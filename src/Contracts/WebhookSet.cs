namespace Matching.Contracts;

/// <summary>Every webhook of a tenant, with a version that rises on every change so that a late copy never replaces a newer one.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookSet")]
public sealed record WebhookSet(long Version, Webhook[] Webhooks);
