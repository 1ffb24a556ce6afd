namespace Matching.Load.Run;

/// <summary>One rate of a sweep and how it came out.</summary>
public sealed record SweepStep(double Rate, bool Held, double AchievedPerSecond, long Failed, double P50Ms, double P99Ms, double MaxMs, string Verdict, string Report);
