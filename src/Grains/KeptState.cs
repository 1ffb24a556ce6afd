namespace Matching.Grains;

/// <summary>
/// What storage keeps of an item's kept shortlist: its ids, best first, and the push sequence. The scored items
/// live in the activation and are computed again from the index when it starts: storing them (titles, reasons)
/// on every change cost more than the rest of a change together (profiled under <c>load -- realtime</c>). The ids
/// are enough to tell, after a restart, whether the list changed.
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
}
