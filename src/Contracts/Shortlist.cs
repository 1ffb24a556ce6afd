namespace Matching.Contracts;

/// <summary>The best items of the other side, best first (ties by id), scored by one model version.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Shortlist")]
public sealed record Shortlist(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] ShortlistItem[] Items);
