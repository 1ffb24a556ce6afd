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
    [property: Id(4)] Backlog Backlog,
    [property: Id(5)] StatisticsStatus Statistics);

/// <summary>One kept shortlist that differs from a fresh computation.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Mismatch")]
public sealed record Mismatch(
    [property: Id(0)] Side Side,
    [property: Id(1)] string Id,
    [property: Id(2)] ShortlistItem[] Kept,
    [property: Id(3)] ShortlistItem[] Fresh);

/// <summary>
/// The result of comparing kept shortlists with fresh computations: how many lists were compared, how many
/// differed, and the first of them (at most <see cref="ConsistencyReport.MaxListed"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.ConsistencyReport")]
public sealed record ConsistencyReport(
    [property: Id(0)] long Checked,
    [property: Id(1)] long Mismatched,
    [property: Id(2)] Mismatch[] Mismatches,
    [property: Id(3)] Backlog BacklogBefore)
{
    /// <summary>Mismatches listed in full; the rest are only counted.</summary>
    public const int MaxListed = 20;
}
