namespace Matching.Ranking;

/// <summary>Which ML.NET ranking trainer to use.</summary>
public enum RankerTrainer
{
    FastTree,
    LightGbm,
    /// <summary>No learned ranker: the first phase's similarity orders the pool (<see cref="Ranker.FirstPhaseTrainer"/>).</summary>
    FirstPhase,
}
