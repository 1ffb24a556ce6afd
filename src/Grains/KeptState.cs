using Matching.Contracts;

namespace Matching.Grains;

/// <summary>
/// One item's kept shortlist as storage holds it: at most <see cref="KeptShortlist.Capacity"/> items, best first
/// (ties by id), scored by <see cref="ModelVersion"/>. Kept apart from the item's record so that a change of the
/// list rewrites only the list.
/// </summary>
[GenerateSerializer, Alias("Matching.KeptState")]
public sealed class KeptState
{
    [Id(0)] public List<ShortlistItem> Items { get; set; } = [];

    /// <summary>Rises on every change of the list's items or order; the push events' sequence.</summary>
    [Id(1)] public long Sequence { get; set; }

    /// <summary>The model that computed the list; null before the first computation.</summary>
    [Id(2)] public string? ModelVersion { get; set; }
}
