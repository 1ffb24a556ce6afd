using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Tests.Processes;

/// <summary>What a client knows of a write: acknowledged, refused, or unknown (timed out, connection lost).</summary>
public enum Outcome
{
    /// <summary>2xx: the API acknowledged it.</summary>
    Ok,

    /// <summary>An error status with a problem document (4xx, 503): refused, though a 5xx may have been stored before it failed.</summary>
    Failed,

    /// <summary>No answer in time, or the connection failed: it may or may not have been stored.</summary>
    Unknown,
}

/// <summary>One write as a client saw it. <paramref name="Seq"/> is the caller's sequence number for the key.</summary>
public sealed record WriteRecord(
    string Kind, string Id, int Seq, string Title, Outcome Outcome, int Status, long? Version, TimeSpan Start, TimeSpan Elapsed, string Detail)
{
    public override string ToString() =>
        $"{Kind}/{Id} #{Seq} {Outcome} {(Status == 0 ? "" : Status.ToString(CultureInfo.InvariantCulture))} v{Version?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
        $"at {Start.TotalSeconds:0.000}s took {Elapsed.TotalMilliseconds:0}ms {Detail}".TrimEnd();
}

/// <summary>
/// The history of the writes a test made through the API (thread-safe), with the time of each on one clock, so that
/// outcomes can be set against an event such as a silo's kill.
/// </summary>
public sealed class WriteHistory
{
    /// <summary>A write without an answer by then is recorded as unknown.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<WriteRecord> _records = new();

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<WriteRecord> Records => _records.OrderBy(r => r.Start).ToList();

    public int CountOk(TimeSpan? since = null) => _records.Count(r => r.Outcome == Outcome.Ok && r.Start >= (since ?? TimeSpan.Zero));

    /// <summary>PUTs one item and records what came back.</summary>
    public async Task<WriteRecord> PutAsync(HttpClient http, string kind, string id, int seq, string title, string json)
    {
        var start = Now;
        WriteRecord record;
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await http.PutAsync($"/v1/{kind}/{id}", new StringContent(json, Encoding.UTF8, "application/json"), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var stored = JsonNode.Parse(body)!;
                record = new(kind, id, seq, title, Outcome.Ok, status, (long)stored["version"]!, start, Now - start, "");
            }
            else
            {
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? "" : $" (not a problem document: {response.Content.Headers.ContentType})";
                record = new(kind, id, seq, title, Outcome.Failed, status, null, start, Now - start, Shorten(body) + problem);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            record = new(kind, id, seq, title, Outcome.Unknown, 0, null, start, Now - start, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            record = new(kind, id, seq, title, Outcome.Unknown, 0, null, start, Now - start, $"{e.GetType().Name}: {e.Message}");
        }

        _records.Enqueue(record);
        return record;
    }

    /// <summary>Counts by outcome and status, the slowest writes, and every write that was not acknowledged.</summary>
    public string Summary(TimeSpan? killedAt = null)
    {
        var records = Records;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{records.Count} writes: ");
        text.AppendJoin(", ", records.GroupBy(r => (r.Outcome, r.Status)).OrderBy(g => g.Key).Select(g => $"{g.Key.Outcome} {g.Key.Status}: {g.Count()}"));
        if (killedAt is { } kill)
        {
            var after = records.Where(r => r.Start >= kill).ToList();
            var firstOkAfter = after.FirstOrDefault(r => r.Outcome == Outcome.Ok && r.Start >= kill);
            text.Append(CultureInfo.InvariantCulture, $"; kill at {kill.TotalSeconds:0.000}s, {after.Count} writes started after it");
            text.Append(firstOkAfter is null ? ", none acknowledged" : $", the first acknowledged one started {(firstOkAfter.Start - kill).TotalSeconds:0.0} s after it");
        }

        if (records.Count > 0)
        {
            var ms = records.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
            text.Append(CultureInfo.InvariantCulture, $"; latency p50 {ms[ms.Count / 2]:0} ms, max {ms[^1]:0} ms");
        }

        text.Append("\nslowest:\n  ").AppendJoin("\n  ", records.OrderByDescending(r => r.Elapsed).Take(5));
        var notOk = records.Where(r => r.Outcome != Outcome.Ok).ToList();
        if (notOk.Count > 0)
        {
            text.Append("\nnot acknowledged:\n  ").AppendJoin("\n  ", notOk.Take(40));
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Items and reads for the process tests: texts that match each other, and reads with a deadline.</summary>
internal static class Items
{
    private static readonly (string Offer, string Need, string Field)[] Topics =
    [
        ("Superconducting quantum computing cloud platform", "Looking for a quantum computing platform for chemistry simulation", "quantum"),
        ("Lithium battery recycling by hydrometallurgy", "Recover lithium and cobalt from spent batteries", "energy"),
        ("Compact proton therapy cyclotron", "Proton therapy equipment for a cancer hospital", "biomedicine"),
        ("Graphene membrane for water desalination", "Low energy seawater desalination membrane", "materials"),
        ("激光雷达 点云 感知 算法 用于 自动驾驶", "寻求 自动驾驶 激光雷达 感知 技术", "automotive"),
        ("Machine vision defect detection for steel strip", "Automatic surface defect inspection on a rolling line", "manufacturing"),
    ];

    public static string OfferJson(int topic, string title) => new JsonObject
    {
        ["title"] = title,
        ["description"] = Topics[topic % Topics.Length].Offer + ". Pilot line ready, licensed or co-developed.",
        ["keywords"] = new JsonArray(Topics[topic % Topics.Length].Field, "pilot"),
        ["field"] = Topics[topic % Topics.Length].Field,
        ["country"] = "CN",
        ["trl"] = 6,
    }.ToJsonString();

    public static string NeedJson(int topic, string title) => new JsonObject
    {
        ["title"] = title,
        ["description"] = Topics[topic % Topics.Length].Need + ". Budget approved for this year.",
        ["keywords"] = new JsonArray(Topics[topic % Topics.Length].Field),
        ["industry"] = Topics[topic % Topics.Length].Field,
        ["country"] = "CN",
    }.ToJsonString();

    public static string OfferTitle(int topic) => Topics[topic % Topics.Length].Offer;

    public static string NeedTitle(int topic) => Topics[topic % Topics.Length].Need;

    /// <summary>A GET with a timeout: status and parsed body (null when none or not JSON).</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> GetAsync(HttpClient http, string path, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(path, cts.Token);
        var text = await response.Content.ReadAsStringAsync(cts.Token);
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Health checks answer plain text.
        }

        return (response.StatusCode, body, text);
    }

    /// <summary>The backlog's pending count, or null when the status cannot be read now.</summary>
    public static async Task<long?> PendingAsync(HttpClient http)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var status = await http.GetFromJsonAsync<JsonObject>("/v1/status", cts.Token);
            return (long)status!["backlog"]!["pending"]!;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }
}
