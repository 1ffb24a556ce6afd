namespace Matching.Contracts;

/// <summary>A stored item: its data plus the bookkeeping the API returns.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Stored`1")]
public sealed record Stored<T>(
    [property: Id(0)] string Id,
    [property: Id(1)] T Data,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset UpdatedAt);
