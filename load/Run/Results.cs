namespace Matching.Load.Run;

public sealed record Results(
    double OfferedPerSecond,
    double SentPerSecond,
    double AchievedPerSecond,
    double MeasuredSeconds,
    long Measured,
    long Succeeded,
    long Failed,
    long WarmupRequests,
    long WarmupFailed,
    LatencySummary LatencyMs,
    LatencySummary SendLagMs,
    IReadOnlyDictionary<string, LatencySummary> LatencyMsByKind,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyList<PercentilePoint> Distribution,
    IReadOnlyList<SecondStats> PerSecond);
