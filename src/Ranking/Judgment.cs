namespace Matching.Ranking;

/// <summary>A judged pair: grade 4 is ideal, 0 not a match.</summary>
public sealed record Judgment(string NeedId, string OfferId, int Grade);
