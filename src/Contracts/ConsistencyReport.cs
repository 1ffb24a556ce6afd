namespace Matching.Contracts;

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
