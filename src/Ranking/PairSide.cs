namespace Matching.Ranking;

/// <summary>One side of a pair as the second phase reads it: the item's text profile and its facts.</summary>
public sealed record PairSide(TextProfile Text, ItemFacts Facts);
