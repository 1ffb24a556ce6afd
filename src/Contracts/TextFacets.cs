namespace Matching.Contracts;

/// <summary>
/// What the two phases read of an item's text beyond its whole-text vector: each slot's term frequency
/// (aligned with the vector's slots; BM25 reads it), the number of terms, the title's and the keywords' own vectors, and the
/// language (0 unknown, 1 Chinese, 2 English).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.TextFacets")]
public sealed record TextFacets(
    [property: Id(0)] float[] Frequencies,
    [property: Id(1)] int Length,
    [property: Id(2)] int[] TitleSlots,
    [property: Id(3)] float[] TitleWeights,
    [property: Id(4)] int[] KeywordSlots,
    [property: Id(5)] float[] KeywordWeights,
    [property: Id(6)] byte Language);
