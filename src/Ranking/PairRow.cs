namespace Matching.Ranking;

/// <summary>One candidate offer of a need, as the first phase retrieved it: its features and its grade (0 when not judged).</summary>
public sealed record PairRow(string OfferId, float[] Features, int Grade);
