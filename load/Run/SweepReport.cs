namespace Matching.Load.Run;

/// <summary>What a sweep found: the highest rate that held its SLO (null when none did), and every step.</summary>
public sealed record SweepReport(string Scenario, string Target, IReadOnlyList<string> Slo, double? HighestHeldRate, IReadOnlyList<SweepStep> Steps, EnvironmentInfo Environment, DateTimeOffset StartedAt);
