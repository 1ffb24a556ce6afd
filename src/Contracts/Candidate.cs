namespace Matching.Contracts;

/// <summary>
/// A shard's answer for one item: its first-phase score (BM25, in [0, 1)), the shared slots that weighed most (strongest
/// first), and the pair's features for the second phase (<c>PairFeatures.Names</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Candidate")]
public sealed record Candidate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] float Score,
    [property: Id(3)] int[] TopSharedSlots,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] float[] Features);
