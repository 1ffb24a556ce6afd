namespace Matching.Contracts;

/// <summary>One kept shortlist that differs from a fresh computation.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Mismatch")]
public sealed record Mismatch(Side Side, string Id, ShortlistItem[] Kept, ShortlistItem[] Fresh);
