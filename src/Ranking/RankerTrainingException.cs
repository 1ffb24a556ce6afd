namespace Matching.Ranking;

/// <summary>The trainer could not learn a ranker from the pairs it was given (too few, or nothing to tell apart).</summary>
public sealed class RankerTrainingException(string message, Exception? inner = null) : Exception(message, inner);
