using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Matching.Load.Run;

/// <summary>The API under test: one HTTP client for a run, its status, and loading the corpus into it.</summary>
public static class Target
{
    /// <summary>
    /// One pooled client for the whole run. Connections are not capped (an open model must not queue in the
    /// client), and a request's own timeout is the run's, so the client has none. A portal key in
    /// <c>MATCHING_API_KEY</c> (as for the CLI) is sent with every request, for a target that checks keys.
    /// </summary>
    public static HttpClient CreateClient(Uri target)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = target,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        if (Environment.GetEnvironmentVariable("MATCHING_API_KEY") is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary><c>GET /v1/status</c> (backlog, item counts, model), or null when the target does not answer it.</summary>
    public static async Task<JsonObject?> StatusAsync(HttpClient http, CancellationToken cancel)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync("/v1/status", timeout.Token);
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) as JsonObject : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static long Pending(JsonObject? status) => (long?)status?["backlog"]?["pending"] ?? 0;

    /// <summary>Waits until the propagation backlog is zero, so that a run does not measure the tail of the one before.</summary>
    public static async Task<bool> WaitForQuietAsync(HttpClient http, TimeSpan limit, TextWriter log, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var said = TimeSpan.Zero;
        while (true)
        {
            // A status that does not answer says nothing of the backlog: at 1,000,000 + 1,000,000 it did not for
            // minutes after the import, while the statistics refresh reweighed every shard.
            var status = await StatusAsync(http, cancel);
            var pending = Pending(status);
            if (status is not null && pending == 0)
            {
                return true;
            }

            if (clock.Elapsed > limit)
            {
                await log.WriteLineAsync(status is null
                    ? $"the status did not answer within {limit.TotalSeconds:N0} s; going on"
                    : $"the backlog is still {pending:N0} after {limit.TotalSeconds:N0} s; going on");
                return false;
            }

            if (clock.Elapsed - said >= TimeSpan.FromSeconds(5))
            {
                said = clock.Elapsed;
                await log.WriteLineAsync(status is null
                    ? $"  waiting for the backlog to drain: the status did not answer after {clock.Elapsed.TotalSeconds:N0} s"
                    : $"  waiting for the backlog to drain: {pending:N0} pending after {clock.Elapsed.TotalSeconds:N0} s");
            }

            await Task.Delay(200, cancel);
        }
    }

    /// <summary>
    /// <c>--load</c>: imports every batch once, one after another (not timed as a scenario), then waits until the
    /// backlog is zero, at most 30 minutes, unless <paramref name="wait"/> is false (<c>--drain 0s</c>). A batch
    /// answered 503 is sent again, up to 5 times with backoff; a batch the API refuses otherwise, or items it rejects,
    /// stop the run: later numbers would be about a corpus that is not there.
    /// </summary>
    public static async Task<LoadSummary> ImportOnceAsync(HttpClient http, IReadOnlyList<Batch> batches, bool wait, TextWriter log, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long items = 0;
        var retries = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            // 503 means "retry later" (API.md), and a batch is idempotent: sent again, after 1, 2, 4, 8 and 16 s.
            var (outcome, body) = (default(Outcome), Array.Empty<byte>());
            for (var attempt = 0; ; attempt++)
            {
                (outcome, body) = await Scenario.SendAsync(http, Scenario.Json(HttpMethod.Post, $"/v1/{batch.Side}/batch", batch.Body, batch.ContentType), cancel);
                if (outcome.Status != 503 || attempt == 5)
                {
                    break;
                }

                retries++;
                await log.WriteLineAsync($"  --load: batch {i + 1}/{batches.Count} answered 503 ({Snippet(body)}); sending it again in {1 << attempt} s");
                await Task.Delay(TimeSpan.FromSeconds(1 << attempt), cancel);
            }

            if (outcome.Error is not null)
            {
                throw new TargetException($"--load: POST /v1/{batch.Side}/batch answered {outcome.Status}: {Snippet(body)}");
            }

            var answer = JsonNode.Parse(body)!;
            var rejected = answer["rejected"]!.AsArray();
            if (rejected.Count > 0)
            {
                throw new TargetException($"--load: {rejected.Count} items of a {batch.Side} batch were rejected, the first: {rejected[0]!.ToJsonString()}");
            }

            items += batch.Items;
            await log.WriteLineAsync($"  --load: batch {i + 1}/{batches.Count} ({batch.Items:N0} {batch.Side}) in; {items:N0} items after {clock.Elapsed.TotalSeconds:F1} s");
        }

        var acknowledged = clock.Elapsed;
        var quiet = wait && await WaitForQuietAsync(http, TimeSpan.FromMinutes(30), log, cancel);
        var summary = new LoadSummary(items, batches.Count, Math.Round(acknowledged.TotalSeconds, 2), quiet ? Math.Round(clock.Elapsed.TotalSeconds, 2) : null, retries);
        await log.WriteLineAsync($"--load: {items:N0} items acknowledged in {summary.AcknowledgedSeconds:F1} s ({retries} batches sent again after a 503), {summary.Backlog}");
        return summary;
    }

    private static string Snippet(byte[] body) => System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)));
}
