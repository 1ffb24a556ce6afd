namespace Matching.Contracts;

/// <summary>An item as its index shard holds it: its text profile, compact facts and version.</summary>
/// <remarks>Ids 2, 3 and 6 held the profile's parts before it was one type; Redis may still hold entries with them.</remarks>
[GenerateSerializer, Immutable, Alias("Matching.IndexEntry")]
public sealed record IndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] long Version,
    [property: Id(7)] TextProfile Text);
