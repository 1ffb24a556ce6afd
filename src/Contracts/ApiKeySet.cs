namespace Matching.Contracts;

/// <summary>Every live key, with a version that rises on each change, for the API processes' caches.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ApiKeySet")]
public sealed record ApiKeySet(long Version, ApiKeyEntry[] Keys);
