namespace Matching.Contracts;

/// <summary>A stored item: its data plus the bookkeeping the API returns.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Stored`1")]
public sealed record Stored<T>(
    string Id,
    T Data,
    long Version,
    DateTimeOffset UpdatedAt);
