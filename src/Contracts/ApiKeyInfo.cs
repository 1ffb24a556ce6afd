namespace Matching.Contracts;

/// <summary>An API key as it is listed: never its secret, which is shown once, when it is created.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] ApiRole Role,
    [property: Id(3)] string Name,
    [property: Id(4)] DateTimeOffset CreatedAt);
