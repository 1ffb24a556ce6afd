namespace Matching.Load.Run;

/// <summary>A judged pair of the corpus: <c>{"needId", "offerId", "grade"}</c>.</summary>
public readonly record struct CorpusJudgment(string NeedId, string OfferId, int Grade);
