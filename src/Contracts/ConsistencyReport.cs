namespace Matching.Contracts;

/// <summary>
/// The result of comparing kept shortlists with fresh computations: how many lists were compared, how many
/// differed, and the first of them (at most <see cref="ConsistencyReport.MaxListed"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.ConsistencyReport")]
public sealed record ConsistencyReport(long Checked, long Mismatched, Mismatch[] Mismatches, Backlog BacklogBefore)
{
    /// <summary>Mismatches listed in full; the rest are only counted.</summary>
    public const int MaxListed = 20;
}
