namespace Matching.Contracts;

/// <summary>One entry of a shortlist: the other side's item, how well it fits and why.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShortlistItem")]
public sealed record ShortlistItem(
    [property: Id(0)] string Id,
    [property: Id(1)] double Score,
    [property: Id(2)] string Title,
    [property: Id(3)] string[] Reasons);

/// <summary>The best items of the other side, best first (ties by id), scored by one model version.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Shortlist")]
public sealed record Shortlist(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] ShortlistItem[] Items);

/// <summary>The propagation backlog API.md reports in /v1/status.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Backlog")]
public sealed record Backlog(
    [property: Id(0)] long Pending,
    [property: Id(1)] long OldestAgeMs);

/// <summary>What /v1/status reports for one tenant.</summary>
[GenerateSerializer, Immutable, Alias("Matching.TenantStatus")]
public sealed record TenantStatus(
    [property: Id(0)] long Offers,
    [property: Id(1)] long Needs,
    [property: Id(2)] int ShardsPerSide,
    [property: Id(3)] string ModelVersion,
    [property: Id(4)] Backlog Backlog);
