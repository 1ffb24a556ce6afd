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
    string Id,
    string Title,
    double Similarity,
    int[] TopSharedSlots,
    ItemFacts? Facts,
    long OwnerVersion,
    float[] Features,
    long StatisticsVersion,
    bool Withdrawn = false)
{
    /// <summary>The item leaves the list of the owner at <paramref name="ownerVersion"/>, if the list holds it.</summary>
    public static Proposal Withdrawal(string id, long ownerVersion, long statisticsVersion) =>
        new(id, "", 0, [], null, ownerVersion, [], statisticsVersion, Withdrawn: true);
}
