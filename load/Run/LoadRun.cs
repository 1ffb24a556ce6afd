using System.Diagnostics;
using System.Globalization;

namespace Matching.Load.Run;

/// <summary>
/// One run, start to end: read the corpus, check the target, load the corpus if asked, let the backlog drain,
/// prepare the scenario, hold the rate, judge the SLO and write report.json and report.html.
/// </summary>
public static class LoadRun
{
    /// <summary>Every SLO held, or none was given.</summary>
    public const int Held = 0;

    /// <summary>Something went wrong that is not the target's latency: an exception escaped.</summary>
    public const int Crashed = 1;

    /// <summary>The run could not start: bad arguments, an unusable corpus, a target that does not answer.</summary>
    public const int CannotRun = 2;

    /// <summary>The run completed and an SLO was missed.</summary>
    public const int Missed = 3;

    public static async Task<RunResult> ExecuteAsync(RunSettings settings, TextWriter log, CancellationToken cancel, Corpus? corpus = null)
    {
        try
        {
            corpus ??= Corpus.Load(settings.Corpus);
            using var http = Target.CreateClient(settings.Target);
            var before = await Target.StatusAsync(http, cancel)
                ?? throw new TargetException($"{settings.Target} does not answer GET /v1/status: is the API running there?");
            var load = settings.Load
                ? await Target.ImportOnceAsync(http, corpus.Batches(settings.BatchItems, settings.BatchBytes, settings.NdJson), wait: settings.Drain > TimeSpan.Zero, log, cancel)
                : null;
            if (load is not null)
            {
                before = await Target.StatusAsync(http, cancel) ?? before; // the status the measurement starts from
            }

            if (settings.Scenario != "import" && Target.Pending(before) > 0)
            {
                // Measuring reads while an import's sweep still runs would measure the sweep, unless that is what is asked.
                if (settings.Drain > TimeSpan.Zero)
                {
                    await log.WriteLineAsync($"the target's backlog is {Target.Pending(before):N0}: waiting until it is zero before measuring");
                    await Target.WaitForQuietAsync(http, settings.Drain, log, cancel);
                    before = await Target.StatusAsync(http, cancel) ?? before;
                }
                else
                {
                    await log.WriteLineAsync($"the target's backlog is {Target.Pending(before):N0}: measuring at once (--drain 0s)");
                }
            }

            var scenario = Scenario.Create(settings, corpus);
            await scenario.PrepareAsync(http, log, cancel);
            return await MeasureAsync(settings, corpus, scenario, http, before, load, log, cancel);
        }
        catch (Exception e) when (e is CorpusException or TargetException or ArgumentException)
        {
            await log.WriteLineAsync("cannot run: " + e.Message);
            return new RunResult(CannotRun, null, settings.Out);
        }
        catch (HttpRequestException e)
        {
            await log.WriteLineAsync($"cannot run: {settings.Target} is not reachable ({e.Message})");
            return new RunResult(CannotRun, null, settings.Out);
        }
    }

    private static async Task<RunResult> MeasureAsync(RunSettings settings, Corpus corpus, Scenario scenario, HttpClient http,
        System.Text.Json.Nodes.JsonObject before, LoadSummary? load, TextWriter log, CancellationToken cancel)
    {
        var scheduler = new ArrivalScheduler(settings.Rate, settings.Warmup, settings.Duration, settings.MaxInFlight, settings.Timeout);
        var recorder = new Recorder(Math.Max(1, (int)Math.Ceiling((settings.Warmup + settings.Duration).TotalSeconds)));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Scenario}: {scheduler.Total:N0} requests at {settings.Rate:0.##}/s against {settings.Target}, {settings.Warmup.TotalSeconds:0.##} s warm-up then {settings.Duration.TotalSeconds:0.##} s measured"));
        if (scenario is ImportScenario import && scheduler.Total < import.Batches)
        {
            await log.WriteLineAsync($"import: only {scheduler.Total} of the corpus's {import.Batches} batches fit in rate x (warm-up + duration); the rest will not be imported");
        }

        var startedAt = DateTimeOffset.UtcNow;
        using var stopProgress = new CancellationTokenSource();
        var progress = settings.Progress ? Progress.PrintAsync(scheduler, recorder, settings.Warmup, log, stopProgress.Token) : Task.CompletedTask;
        await scheduler.RunAsync(scenario, http, recorder, cancel);
        await stopProgress.CancelAsync();
        await progress;
        var endedAt = DateTimeOffset.UtcNow;
        var after = await Target.StatusAsync(http, CancellationToken.None);

        var latency = recorder.Latency();
        var outcomes = Slo.Evaluate(settings.Slo, latency, recorder.Measured, recorder.Failed);
        bool? held = outcomes.Count == 0 ? null : outcomes.All(o => o.Held);
        var report = new RunReport(
            "matching load run",
            startedAt,
            endedAt,
            new Verdict(held, VerdictText(held, outcomes), outcomes),
            Settings(settings, corpus),
            EnvironmentInfo.Capture(),
            new TargetInfo(settings.Target.ToString(), before, after, load),
            Results(settings, scheduler, recorder, scenario));

        settings.Out.Create();
        report.WriteJson(Path.Combine(settings.Out.FullName, "report.json"));
        HtmlReport.Write(Path.Combine(settings.Out.FullName, "report.html"), report);
        PrintSummary(report, settings.Out, Console.Out);
        return new RunResult(held == false ? Missed : Held, report, settings.Out);
    }

    private static Results Results(RunSettings settings, ArrivalScheduler scheduler, Recorder recorder, Scenario scenario)
    {
        // The measured window runs from the end of the warm-up to the last measured request's end (at least the duration).
        var measureStart = scheduler.Start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var window = Math.Max(settings.Duration.TotalSeconds,
            recorder.LastMeasuredEnd == 0 ? 0 : (double)(recorder.LastMeasuredEnd - measureStart) / Stopwatch.Frequency);
        var latency = recorder.Latency();
        return new Results(
            settings.Rate,
            Math.Round(recorder.Measured / settings.Duration.TotalSeconds, 2),
            Math.Round(recorder.Succeeded / Math.Max(window, 1e-9), 2),
            Math.Round(window, 3),
            recorder.Measured,
            recorder.Succeeded,
            recorder.Failed,
            recorder.WarmupSent,
            recorder.WarmupFailed,
            latency.Summary(),
            recorder.SendLagStats().Summary(),
            recorder.LatencyByKind().ToDictionary(p => p.Key, p => p.Value.Summary()),
            recorder.StatusCodes(),
            recorder.Errors(),
            recorder.ErrorsByKind(),
            scenario.Counters,
            latency.Distribution(),
            recorder.PerSecond(settings.Warmup.TotalSeconds));
    }

    private static ReportSettings Settings(RunSettings s, Corpus corpus) => new(
        s.Target.ToString(),
        s.Scenario,
        s.Rate,
        s.Scenario == "import" ? "batches/s" : s.Scenario == "freshness" ? "probes/s" : "requests/s",
        s.Duration.TotalSeconds,
        s.Warmup.TotalSeconds,
        s.Corpus.FullName,
        corpus.Offers.Count,
        corpus.Needs.Count,
        corpus.Judgments.Length,
        s.Load,
        s.Seed,
        s.K,
        s.MaxInFlight,
        s.Timeout.TotalSeconds,
        s.Slo.Select(c => c.ToString()).ToList(),
        s.Scenario == "mixed" ? string.Join(",", s.Mix.Select(m => $"{m.Scenario}={m.Weight.ToString(CultureInfo.InvariantCulture)}")) : null,
        s.Scenario is "read" or "mixed" ? s.ZipfExponent : null,
        s.Scenario == "import" || s.Load ? s.BatchItems : null,
        s.Scenario == "import" || s.Load ? s.BatchBytes : null,
        s.Scenario == "import" || s.Load ? (s.NdJson ? "ndjson" : "json array") : null,
        s.Scenario is "freshness" or "mixed" ? s.PollInterval.TotalMilliseconds : null,
        s.Scenario is "freshness" or "mixed" ? s.FreshnessTimeout.TotalSeconds : null);

    private static string VerdictText(bool? held, IReadOnlyList<SloOutcome> outcomes) => held switch
    {
        null => "No SLO given: measured, not judged.",
        true => "SLO held: " + string.Join("; ", outcomes.Select(Describe)) + ".",
        false => "SLO MISSED: " + string.Join("; ", outcomes.Where(o => !o.Held).Select(Describe)) + ".",
    };

    private static string Describe(SloOutcome o) => o.ActualRatio is double ratio
        ? string.Create(CultureInfo.InvariantCulture, $"{o.Criterion} (was {ratio * 100:0.###}%)")
        : $"{o.Criterion} (was {Format.Ms(o.ActualMs)})";

    public static void PrintSummary(RunReport report, DirectoryInfo dir, TextWriter output)
    {
        var r = report.Results;
        var l = r.LatencyMs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {report.Settings.Scenario} at {report.Settings.Rate:0.##} {report.Settings.RateUnit}, {report.Settings.DurationSeconds:0.##} s measured, against {report.Settings.Target}
              requests  {r.Measured:N0} measured: {r.Succeeded:N0} succeeded, {r.Failed:N0} failed; offered {r.OfferedPerSecond:N1}/s, sent {r.SentPerSecond:N1}/s, achieved {r.AchievedPerSecond:N1}/s
              latency   p50 {Format.Ms(l.P50Ms)}  p90 {Format.Ms(l.P90Ms)}  p99 {Format.Ms(l.P99Ms)}  p99.9 {Format.Ms(l.P999Ms)}  max {Format.Ms(l.MaxMs)}
              send lag  p50 {Format.Ms(r.SendLagMs.P50Ms)}  p99 {Format.Ms(r.SendLagMs.P99Ms)}  max {Format.Ms(r.SendLagMs.MaxMs)}  (due time to leaving the client: the client's share of the latency)
            """));
        if (r.LatencyMsByKind.Count > 1)
        {
            foreach (var (kind, k) in r.LatencyMsByKind)
            {
                output.WriteLine($"    {kind,-16} {k.Count,8:N0}  p50 {Format.Ms(k.P50Ms)}  p99 {Format.Ms(k.P99Ms)}  max {Format.Ms(k.MaxMs)}");
            }
        }

        output.WriteLine("  errors    " + (r.Errors.Count == 0 ? "none" : string.Join(", ", r.ErrorsByKind.Select(e => $"{e.Key}: {e.Value:N0}"))));
        if (r.StatusCodes.TryGetValue("503", out var refused) && r.Measured > 0)
        {
            // Admission control's pushback (or unreachable storage): the share the target refused rather than served late.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  refused   {refused:N0} with 503, {refused * 100.0 / r.Measured:0.##}% of measured"));
        }

        if (r.Counters.Count > 0)
        {
            output.WriteLine("  counted   " + string.Join(", ", r.Counters.Select(c => $"{c.Key}: {c.Value:N0}")));
        }

        output.WriteLine("  verdict   " + report.Verdict.Summary);
        output.WriteLine("  report    " + Path.Combine(dir.FullName, "report.html"));
    }
}
