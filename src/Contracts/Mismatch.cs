namespace Matching.Contracts;

/// <summary>One kept shortlist that differs from a fresh computation.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Mismatch")]
public sealed record Mismatch(
    [property: Id(0)] Side Side,
    [property: Id(1)] string Id,
    [property: Id(2)] ShortlistItem[] Kept,
    [property: Id(3)] ShortlistItem[] Fresh);
