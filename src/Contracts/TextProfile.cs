namespace Matching.Contracts;

/// <summary>
/// What the two phases read of one item's text: the whole text's vector (slots ascending, weights L2-normalized)
/// with each slot's term frequency (occurrences weighted by field and kind; BM25 reads it), the number of terms, the
/// title's and the keywords' own vectors, the language, and which slots a need has through translation. The index stores it per item.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.TextProfile")]
public sealed record TextProfile(
    [property: Id(0)] int[] Slots,
    [property: Id(1)] float[] Weights,
    [property: Id(2)] float[] Frequencies,
    [property: Id(3)] int Length,
    [property: Id(4)] int[] TitleSlots,
    [property: Id(5)] float[] TitleWeights,
    [property: Id(6)] int[] KeywordSlots,
    [property: Id(7)] float[] KeywordWeights,
    [property: Id(8)] Language Language)
{
    /// <summary>
    /// The slots a need holds only through translation into the other language (ascending; empty for an offer and for a
    /// profile stored before translation), so that the second phase and reasons can tell them from shared words.
    /// </summary>
    [Id(9)]
    public int[] Translated { get; init; } = [];
}
