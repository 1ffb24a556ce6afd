namespace Matching.Contracts;

/// <summary>A registered webhook as the dispatchers need it (with its secret: it stays inside the cluster).</summary>
[GenerateSerializer, Immutable, Alias("Matching.Webhook")]
public sealed record Webhook(
    [property: Id(0)] string Name,
    [property: Id(1)] WebhookSpec Spec);
