using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>Maps stored items to what the index and the ranking library read.</summary>
internal static class Facts
{
    /// <summary>The facets of a profiled text, as the index stores them.</summary>
    public static TextFacets Facets(TextProfile profile) => new(
        profile.Frequencies, profile.Length, profile.Title.Slots, profile.Title.Weights,
        profile.Keywords.Slots, profile.Keywords.Weights, (byte)profile.Language);

    /// <summary>One side of a pair, from what the index stores of an item.</summary>
    public static PairSide Side(int[] slots, float[] weights, TextFacets facets, ItemFacts facts) => new(
        slots, weights, facets.Frequencies, facets.Length, facets.TitleSlots, facets.TitleWeights,
        facets.KeywordSlots, facets.KeywordWeights, (Language)facets.Language, facts);

    /// <summary>
    /// The features of a pair, need first, whichever side asks. The first phase's similarity enters rounded like every compared
    /// score, so that the index's two ways of summing it (query and reach) give the ranker the same input.
    /// </summary>
    public static float[] Pair(PairSide need, PairSide offer, float similarity, TextModel featurizer) =>
        PairFeatures.Compute(need, offer, (float)KeptShortlist.Round(similarity), featurizer);
}
