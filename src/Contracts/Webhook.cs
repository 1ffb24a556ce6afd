namespace Matching.Contracts;

/// <summary>A registered webhook as the dispatchers need it (with its secret: it stays inside the cluster).</summary>
[GenerateSerializer, Immutable, Alias("Matching.Webhook")]
public sealed record Webhook(string Name, WebhookSpec Spec);
