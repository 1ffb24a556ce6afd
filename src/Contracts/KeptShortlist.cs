namespace Matching.Contracts;

/// <summary>How long kept shortlists are and how scores are compared.</summary>
public static class KeptShortlist
{
    /// <summary>
    /// Items each kept shortlist serves: reads with k up to this cost one grain call; larger k is computed on demand.
    /// It is also the depth of the first phase's pool that the learned ranker orders (<c>RankerTraining.PoolDepth</c>):
    /// a shortlist is the best k by the ranker among the best <c>max(k, Capacity)</c> by text similarity.
    /// </summary>
    public const int Capacity = 20;

    /// <summary>
    /// Scores are compared and served rounded to 6 decimals, everywhere: a kept list, a fresh computation and
    /// the index's floors then agree to the last digit whatever order a dot product was summed in.
    /// </summary>
    public static double Round(float score) => Math.Round(Math.Clamp((double)score, 0, 1), 6);
}
