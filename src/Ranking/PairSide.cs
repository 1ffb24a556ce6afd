using Matching.Contracts;

namespace Matching.Ranking;

/// <summary>
/// One side of a pair as the second phase reads it: the whole text's vector (slots ascending) with each slot's
/// term frequency, the number of terms, the title's and the keywords' own vectors, the language and the facts.
/// The index stores these arrays per item, so features are computed where the candidates are.
/// </summary>
public sealed record PairSide(
    int[] Slots,
    float[] Weights,
    float[] Frequencies,
    int Length,
    int[] TitleSlots,
    float[] TitleWeights,
    int[] KeywordSlots,
    float[] KeywordWeights,
    Language Language,
    ItemFacts Facts)
{
    /// <summary>The side of an item whose text was profiled by <see cref="TextModel.Profile"/>.</summary>
    public static PairSide Of(TextProfile profile, ItemFacts facts) => new(
        profile.All.Slots, profile.All.Weights, profile.Frequencies, profile.Length,
        profile.Title.Slots, profile.Title.Weights, profile.Keywords.Slots, profile.Keywords.Weights,
        profile.Language, facts);
}
