namespace Matching.Contracts;

/// <summary>A registered webhook as the API shows it: no secret.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookInfo")]
public sealed record WebhookInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Url,
    [property: Id(2)] WebhookKinds Kinds,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);
