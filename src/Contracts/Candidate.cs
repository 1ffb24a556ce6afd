namespace Matching.Contracts;

/// <summary>
/// A shard's answer for one item: its first-phase score (BM25, in [0, 1)), the shared slots that weighed most (strongest
/// first), and the pair's features for the second phase (<c>PairFeatures.Names</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Candidate")]
public sealed record Candidate(
    string Id,
    string Title,
    float Score,
    int[] TopSharedSlots,
    ItemFacts Facts,
    float[] Features);
