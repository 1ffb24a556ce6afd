namespace Matching.Contracts;

/// <summary>A registered webhook as the API shows it: no secret.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookInfo")]
public sealed record WebhookInfo(
    string Name,
    string Url,
    WebhookKinds Kinds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
