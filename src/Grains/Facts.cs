namespace Matching.Grains;

/// <summary>The pair features as the index computes them (need first, similarity rounded).</summary>
internal static class Facts
{
    /// <summary>
    /// The features of a pair, need first, whichever side asks. The first phase's similarity enters rounded like every compared
    /// score, so that the index's two ways of summing it (query and reach) give the ranker the same input.
    /// </summary>
    public static float[] Pair(PairSide need, PairSide offer, float similarity, TextModel featurizer, TermStatistics statistics) =>
        PairFeatures.Compute(need, offer, (float)KeptShortlist.Round(similarity), featurizer, statistics);
}
