namespace Matching.Contracts;

/// <summary>
/// A change of one item, proposed to one kept shortlist of the other side: the item as it now is, its first-phase
/// similarity with the list's owner under statistics <see cref="StatisticsVersion"/> and the pair's features, or a
/// <see cref="Withdrawal"/> when it must leave the list (withdrawn, no shared term, or refused by a hard rule). It was
/// scored against the owner's version <see cref="OwnerVersion"/>: an owner that has changed since ignores it, because
/// its own change computed its list from a later index.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Proposal")]
public sealed record Proposal(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] double Similarity,
    [property: Id(3)] int[] TopSharedSlots,
    [property: Id(4)] ItemFacts? Facts,
    [property: Id(5)] long OwnerVersion,
    [property: Id(6)] float[] Features,
    [property: Id(7)] long StatisticsVersion,
    [property: Id(8)] bool Withdrawn = false)
{
    /// <summary>The item leaves the list of the owner at <paramref name="ownerVersion"/>, if the list holds it.</summary>
    public static Proposal Withdrawal(string id, long ownerVersion, long statisticsVersion) =>
        new(id, "", 0, [], null, ownerVersion, [], statisticsVersion, Withdrawn: true);
}
