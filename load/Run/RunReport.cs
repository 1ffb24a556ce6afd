using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matching.Load.Run;

/// <summary>
/// Everything a run found, as written to <c>report.json</c>: the verdict first, then the settings, the
/// environment, the target's status before and after, and every number. Latencies are in milliseconds, from
/// each request's intended start, of successful requests in the measured window (warm-up excluded);
/// <see cref="Results.SendLagMs"/> is the part of it spent before the request left the client.
/// </summary>
public sealed record RunReport(
    string Tool,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    Verdict Verdict,
    ReportSettings Settings,
    EnvironmentInfo Environment,
    TargetInfo Target,
    Results Results)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "µs" and Chinese stay readable
    };

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    public static RunReport ReadJson(string path) => JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), JsonOptions)!;
}

/// <summary>Held is null when no SLO was given; then the run is reported, not judged.</summary>
public sealed record Verdict(bool? Held, string Summary, IReadOnlyList<SloOutcome> Criteria);

public sealed record ReportSettings(
    string Target,
    string Scenario,
    double Rate,
    string RateUnit,
    double DurationSeconds,
    double WarmupSeconds,
    string Corpus,
    int CorpusOffers,
    int CorpusNeeds,
    int CorpusJudgments,
    bool Load,
    int Seed,
    int K,
    int MaxInFlight,
    double TimeoutSeconds,
    IReadOnlyList<string> Slo,
    string? Mix,
    double? ZipfExponent,
    int? BatchItems,
    int? BatchBytes,
    string? BatchFormat,
    double? PollIntervalMs,
    double? FreshnessTimeoutSeconds);

/// <summary>The target: its address, <c>GET /v1/status</c> before and after the run, and what <c>--load</c> did.</summary>
public sealed record TargetInfo(string Url, JsonObject? StatusBefore, JsonObject? StatusAfter, LoadSummary? Load);

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
