namespace Matching.Load.Run;

/// <summary>Held is null when no SLO was given; then the run is reported, not judged.</summary>
public sealed record Verdict(bool? Held, string Summary, IReadOnlyList<SloOutcome> Criteria);
