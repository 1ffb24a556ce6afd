using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Spectre.Console;

namespace Matching.Cli;

/// <summary>
/// Data scientists: turns the feedback log (GET /v1/feedback) into the training files of API.md:
/// <c>judgments.jsonl</c> (one line per judged pair, its best event's grade), <c>needs.jsonl</c> and
/// <c>offers.jsonl</c> (the judged items as the API stores them now), and <c>events.jsonl</c> (every event with
/// its served features, for analysis). Exit code 0 when written, 1 when the files could not be written, 2 when
/// the API could not be reached or failed.
/// </summary>
public static class ExportFeedbackCommand
{
    /// <summary>The largest page GET /v1/feedback serves.</summary>
    public const int MaxPage = 1_000;

    // Items are fetched one request each; a few at a time keeps a large export short without flooding the API.
    private const int FetchConcurrency = 8;

    // Chinese titles stay readable in the files, as the API writes them.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base address of the API, e.g. http://127.0.0.1:5080", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write judgments.jsonl, needs.jsonl, offers.jsonl and events.jsonl to", Required = true };
        var after = new Option<long?>("--after") { Description = "Export only events after this sequence number (the last one a previous export printed)" };
        var command = new Command("export-feedback", "Export the feedback log as training files (judgments, needs, offers) and raw events") { api, output, after };
        command.SetAction(async (parse, cancel) =>
        {
            if (!Uri.TryCreate(parse.GetValue(api), UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("--api must be an absolute http or https address, e.g. http://127.0.0.1:5080");
                return 2;
            }

            var directory = parse.GetValue(output)!;
            using var http = ModelApi.Client(baseAddress, TimeSpan.FromMinutes(5));
            try
            {
                Print(await ExportAsync(http, directory, parse.GetValue(after), cancel: cancel), directory);
                return 0;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"{baseAddress} did not answer: {e.Message}");
                return 2;
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"{baseAddress} did not answer within {http.Timeout.TotalSeconds:0} s");
                return 2;
            }
            catch (ApiException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Could not write to {directory}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Pages through the log after <paramref name="after"/> (from its start when null) and writes the four files to
    /// <paramref name="directory"/>, replacing any there. Judgments are ordered by need id, then offer id (ordinal);
    /// items by id; events in log order. A pair whose need or offer is no longer stored (GET answers 404) is left
    /// out with its judgment, and so is every item that is then judged in no written pair. <paramref name="http"/>'s
    /// base address is the API's; <paramref name="pageSize"/> (1..<see cref="MaxPage"/>) is the events per request.
    /// </summary>
    /// <exception cref="HttpRequestException">The API could not be reached.</exception>
    /// <exception cref="ApiException">The API answered with an error, or with something that is not the feedback log.</exception>
    public static async Task<ExportSummary> ExportAsync(HttpClient http, string directory, long? after = null, int pageSize = MaxPage, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPage);
        Directory.CreateDirectory(directory);

        // Events are streamed to disk as they arrive: the log may be far larger than memory; only the best grade
        // of each pair is kept.
        var best = new Dictionary<(string Need, string Offer), int>();
        long events = 0;
        long? first = null, last = null;
        var eventsPath = Path.Combine(directory, "events.jsonl");
        await using (var writer = Writer(eventsPath + ".tmp"))
        {
            var cursor = after;
            do
            {
                var query = cursor is { } c ? $"/v1/feedback?limit={pageSize}&after={c}" : $"/v1/feedback?limit={pageSize}";
                using var page = await GetJsonAsync(http, query, cancel)
                    ?? throw new ApiException($"GET {query} answered 404: this API has no feedback log.");
                var root = page.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    throw new ApiException($"GET {query} did not answer a page of events.");
                }

                foreach (var e in list.EnumerateArray())
                {
                    var (sequence, needId, offerId, grade) = ReadEvent(e);
                    await writer.WriteLineAsync(e.GetRawText());
                    best[(needId, offerId)] = Math.Max(grade, best.GetValueOrDefault((needId, offerId), int.MinValue));
                    events++;
                    first ??= sequence;
                    last = sequence;
                }

                cursor = root.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
                // An empty page that still names a next one would be asked for forever.
                if (list.GetArrayLength() == 0)
                {
                    break;
                }
            }
            while (cursor is not null);
        }

        var needs = await FetchAsync(http, "needs", best.Keys.Select(p => p.Need), cancel);
        var offers = await FetchAsync(http, "offers", best.Keys.Select(p => p.Offer), cancel);
        var judgments = best
            .Where(p => needs[p.Key.Need] is not null && offers[p.Key.Offer] is not null)
            .Select(p => new JudgmentLine(p.Key.Need, p.Key.Offer, p.Value))
            .OrderBy(j => j.NeedId, StringComparer.Ordinal).ThenBy(j => j.OfferId, StringComparer.Ordinal)
            .ToList();
        var judgedNeeds = judgments.Select(j => j.NeedId).Distinct().Order(StringComparer.Ordinal).ToList();
        var judgedOffers = judgments.Select(j => j.OfferId).Distinct().Order(StringComparer.Ordinal).ToList();

        await WriteLinesAsync(Path.Combine(directory, "judgments.jsonl"), judgments.Select(j => JsonSerializer.Serialize(j, Json)), cancel);
        await WriteLinesAsync(Path.Combine(directory, "needs.jsonl"), judgedNeeds.Select(id => needs[id]!), cancel);
        await WriteLinesAsync(Path.Combine(directory, "offers.jsonl"), judgedOffers.Select(id => offers[id]!), cancel);
        File.Move(eventsPath + ".tmp", eventsPath, overwrite: true);

        return new ExportSummary(
            events, first, last, judgments.Count, judgedNeeds.Count, judgedOffers.Count,
            needs.Count(n => n.Value is null), offers.Count(o => o.Value is null), best.Count - judgments.Count);
    }

    /// <summary>The fields a judgment needs from one exported event; the rest is kept only in events.jsonl.</summary>
    private static (long Sequence, string NeedId, string OfferId, int Grade) ReadEvent(JsonElement e)
    {
        try
        {
            var name = e.GetProperty("event").GetString();
            if (!FeedbackKinds.TryParse(name, out var kind))
            {
                throw new ApiException($"The feedback log holds an event kind this command does not know: '{name}'. Update the command line.");
            }

            return (e.GetProperty("sequence").GetInt64(), e.GetProperty("needId").GetString()!, e.GetProperty("offerId").GetString()!, FeedbackKinds.Grade(kind));
        }
        catch (Exception x) when (x is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ApiException($"The feedback log returned an event without sequence, needId, offerId or event: {e.GetRawText()}");
        }
    }

    /// <summary>
    /// Each item once, by id, as GET /v1/{plural}/{id} returns it minus the server's fields (the training-file
    /// format: the item fields plus <c>id</c>); null for an item no longer stored.
    /// </summary>
    private static async Task<Dictionary<string, string?>> FetchAsync(HttpClient http, string plural, IEnumerable<string> ids, CancellationToken cancel)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            ids.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = FetchConcurrency, CancellationToken = cancel },
            async (id, token) =>
            {
                using var item = await GetJsonAsync(http, $"/v1/{plural}/{Uri.EscapeDataString(id)}", token);
                if (item is null)
                {
                    found[id] = null;
                    return;
                }

                var json = JsonNode.Parse(item.RootElement.GetRawText()) as JsonObject
                    ?? throw new ApiException($"GET /v1/{plural}/{id} did not answer an object.");
                json.Remove("version");
                json.Remove("updatedAt");
                found[id] = json.ToJsonString(Json);
            });
        return new Dictionary<string, string?>(found, StringComparer.Ordinal);
    }

    /// <summary>The response's JSON, or null for 404; any other failure is an <see cref="ApiException"/>.</summary>
    private static async Task<JsonDocument?> GetJsonAsync(HttpClient http, string path, CancellationToken cancel)
    {
        using var response = await http.GetAsync(path, cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException($"GET {path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Encoding.UTF8.GetString(body)}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new ApiException($"GET {path} did not answer JSON: {e.Message}");
        }
    }

    /// <summary>Writes a whole file beside its final name, then moves it there: an export that fails leaves no half-written file.</summary>
    private static async Task WriteLinesAsync(string path, IEnumerable<string> lines, CancellationToken cancel)
    {
        await using (var writer = Writer(path + ".tmp"))
        {
            foreach (var line in lines)
            {
                cancel.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(line);
            }
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>JSON Lines as API.md says: UTF-8 without a byte order mark, one line each, <c>\n</c> on every platform.</summary>
    private static StreamWriter Writer(string path) => new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    private static void Print(ExportSummary s, string directory)
    {
        var (lines, skipped) = Summary(s, directory);
        foreach (var line in lines)
        {
            AnsiConsole.MarkupLine(line == skipped ? $"[yellow]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }
    }

    /// <summary>The summary an export prints, in plain text; <c>Skipped</c> is the line about withdrawn items (null when none was).</summary>
    public static (List<string> Lines, string? Skipped) Summary(ExportSummary s, string directory)
    {
        var range = s.FirstSequence is { } first ? $" (sequence {first} to {s.LastSequence})" : "";
        var lines = new List<string>
        {
            $"Exported {Count(s.Events, "event")}{range} to {directory}:",
            $"{Count(s.Judgments, "judgment")} over {Count(s.Needs, "need")} and {Count(s.Offers, "offer")}.",
        };
        string? skipped = null;
        if (s.WithdrawnNeeds + s.WithdrawnOffers > 0)
        {
            var withdrawn = new[] { (s.WithdrawnNeeds, "withdrawn need"), (s.WithdrawnOffers, "withdrawn offer") }
                .Where(x => x.Item1 > 0)
                .Select(x => Count(x.Item1, x.Item2));
            skipped = $"Skipped {string.Join(" and ", withdrawn)}, with their {Count(s.SkippedJudgments, "judgment")}.";
            lines.Add(skipped);
        }

        if (s.LastSequence is { } last)
        {
            lines.Add($"Continue later with --after {last}.");
        }

        return (lines, skipped);
    }

    /// <summary>"1 offer", "2 offers", "0 offers".</summary>
    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private sealed record JudgmentLine(string NeedId, string OfferId, int Grade);
}
