namespace Matching.Grains;

/// <summary>
/// What storage keeps of a kept list beyond its served ids, so that a later activation restores the list from the
/// mark its shard holds (the held ids) instead of computing it from the index: the mark's stamp, the list's
/// <see cref="KeptList.Outside"/> and the statistics its similarities were scored with. Valid only while the shard
/// still holds that very mark (<see cref="Matches"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.KeptBound")]
public sealed record KeptBound(
    long Stamp,
    string? OutsideId,
    double OutsideSimilarity,
    long StatisticsVersion)
{
    /// <summary>Whether <paramref name="mark"/> is the settled mark this bound was kept with.</summary>
    public bool Matches(KeptMark mark) =>
        mark.Settled && !mark.IsDeferred && mark.Stamp == Stamp && mark.Full == OutsideId is not null && (OutsideId is null || mark.Floor == OutsideSimilarity);
}
