namespace Matching.Contracts;

/// <summary>Every live key, with a version that rises on each change, for the API processes' caches.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ApiKeySet")]
public sealed record ApiKeySet([property: Id(0)] long Version, [property: Id(1)] ApiKeyEntry[] Keys);
