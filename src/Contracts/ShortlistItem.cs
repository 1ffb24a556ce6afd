namespace Matching.Contracts;

/// <summary>One entry of a shortlist: the other side's item, how well it fits and why.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShortlistItem")]
public sealed record ShortlistItem(
    [property: Id(0)] string Id,
    [property: Id(1)] double Score,
    [property: Id(2)] string Title,
    [property: Id(3)] string[] Reasons);
