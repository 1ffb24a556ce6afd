namespace Matching.Contracts;

/// <summary>
/// What the two phases read of one item's text: the whole text's vector (slots ascending, weights L2-normalized)
/// with each slot's term frequency (occurrences weighted by field and kind; BM25 reads it), the number of terms, the
/// title's and the keywords' own vectors, the language, and which slots a need has through translation. The index stores it per item.
/// Weights and frequencies are half-precision floats, made once where the profile is made (<see cref="Halves"/>): half the
/// memory of floats (about 1 GB at 1,000,000 + 1,000,000), and every score path reads the same numbers.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.TextProfile")]
public sealed record TextProfile(
    [property: Id(0)] int[] Slots,
    [property: Id(10)] Half[] Weights,
    [property: Id(11)] Half[] Frequencies,
    [property: Id(3)] int Length,
    [property: Id(4)] int[] TitleSlots,
    [property: Id(12)] Half[] TitleWeights,
    [property: Id(6)] int[] KeywordSlots,
    [property: Id(13)] Half[] KeywordWeights,
    [property: Id(8)] Language Language)
{
    /// <summary>
    /// The slots a need holds only through translation into the other language (ascending; empty for an offer and for a
    /// profile stored before translation), so that the second phase and reasons can tell them from shared words.
    /// </summary>
    [Id(9)]
    public int[] Translated { get; init; } = [];

    /// <summary>Values as a profile holds them (ids 1, 2, 5 and 7 held them as floats before).</summary>
    public static Half[] Halves(ReadOnlySpan<float> values)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Half)values[i];
        }

        return halves;
    }
}
