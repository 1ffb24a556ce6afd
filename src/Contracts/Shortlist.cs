namespace Matching.Contracts;

/// <summary>The best items of the other side, best first (ties by id), scored by one model version.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Shortlist")]
public sealed record Shortlist(string ModelVersion, ShortlistItem[] Items);
