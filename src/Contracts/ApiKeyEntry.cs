namespace Matching.Contracts;

/// <summary>A stored key: the SHA-256 of its secret (hex) and what it is; the secret itself is stored nowhere.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ApiKeyEntry")]
public sealed record ApiKeyEntry([property: Id(0)] string Hash, [property: Id(1)] ApiKeyInfo Info);
