namespace Matching.Contracts;

/// <summary>
/// What an item's shard knows of the item's own kept shortlist, so that a change on the other side finds the
/// lists it may enter or must leave without asking every item. <see cref="Settled"/> is false while the list is
/// being (re)computed: then every change of the other side is proposed to it, so none slips through the window
/// between the computation's read of the index and this mark.
/// </summary>
/// <param name="Settled">False while the list is being computed.</param>
/// <param name="Full">Whether the list holds only the best of the items that qualify; if not, any match may enter.</param>
/// <param name="Floor">The best score an item the list does not hold can have: a newcomer must reach it to enter a full list.</param>
/// <param name="Held">The ids the list holds: a change of one of them is proposed to the list whatever its score.</param>
/// <param name="Stamp">Rises with every mark of one item: a settled mark older than the shard's is ignored, since marks
/// may arrive late (the propagator delivers a wave's marks together). An unsettled mark always applies: it is never late.</param>
[GenerateSerializer, Immutable, Alias("Matching.KeptMark")]
public sealed record KeptMark(bool Settled, bool Full, double Floor, string[] Held, long Stamp)
{
    /// <summary>The mark of a list that is being computed.</summary>
    public static KeptMark Unsettled(long stamp) => new(false, false, 0, [], stamp);

    /// <summary>
    /// The mark of a bulk-imported item's list, which a sweep will compute from the complete index: nothing is
    /// proposed to it until then (no score reaches an infinite floor, and it holds nothing).
    /// </summary>
    public static KeptMark Deferred(long stamp) => new(true, true, double.MaxValue, [], stamp);

    /// <summary>Whether this is <see cref="Deferred(long)"/>.</summary>
    public bool IsDeferred => Settled && Floor == double.MaxValue;
}
