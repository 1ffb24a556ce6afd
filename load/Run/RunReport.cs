using System.Text.Encodings.Web;
using System.Text.Json;

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
