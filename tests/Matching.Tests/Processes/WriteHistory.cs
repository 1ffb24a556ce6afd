using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Tests.Processes;

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
