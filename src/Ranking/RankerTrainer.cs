namespace Matching.Ranking;

/// <summary>Which ML.NET ranking trainer to use.</summary>
public enum RankerTrainer
{
    FastTree,
    LightGbm,
    /// <summary>L-BFGS logistic regression over the normalized features, relevant (grade above 0) or not: few weights, so it learns from tens of judged needs.</summary>
    Linear,
    /// <summary>No learned ranker: the first phase's similarity orders the pool (<see cref="Ranker.FirstPhaseTrainer"/>).</summary>
    FirstPhase,
}
