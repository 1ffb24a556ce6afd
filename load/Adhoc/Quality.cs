namespace Matching.Load.Adhoc;

/// <summary>
/// How shortlists compare with the generator's truth: of the needs that have a grade-4 offer, the share whose
/// top k holds one; near-miss offers shortlisted (each breaks a hard rule, so this must be 0); mean length; empty ones.
/// </summary>
public sealed record Quality(int NeedsWithIdeal, double IdealInTopKPercent, int HardRuleViolations, double MeanLength, int Empty);
