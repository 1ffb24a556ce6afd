namespace Matching.Grains;

/// <summary>
/// What storage keeps of an item's kept shortlist: its ids, best first, the push sequence, and its bound. The scored
/// items live in the activation: storing them (titles, reasons) on every change cost more than the rest of a change
/// together (profiled under <c>load -- realtime</c>). A later activation restores them from the shard's mark (the
/// held ids) and the bound, scoring only the held items again; the ids tell whether the list changed meanwhile.
/// </summary>
[GenerateSerializer, Alias("Matching.KeptState")]
public sealed class KeptState
{
    /// <summary>The list's ids, best first; at most <see cref="Contracts.KeptShortlist.Capacity"/>.</summary>
    [Id(0)] public string[] Ids { get; set; } = [];

    /// <summary>Rises on every change of the list's items or order; the push events' sequence.</summary>
    [Id(1)] public long Sequence { get; set; }

    /// <summary>The model that computed the list; null before the first computation.</summary>
    [Id(2)] public string? ModelVersion { get; set; }

    /// <summary>The bound of the list's last settled mark (<see cref="KeptList.Bound"/>); null when there is none.</summary>
    [Id(3)] public KeptBound? Bound { get; set; }
}
