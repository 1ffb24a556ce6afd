using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace Matching.Load.Run;

/// <summary>
/// <c>sweep</c>: <c>run</c> at R0, R0 + S, R0 + 2S, ... until the SLO is missed (or <c>--to</c> is passed), each
/// step after the target's backlog has drained; reports the highest rate that held. Each step's own report is
/// written in a directory below the sweep's (<c>rate-R</c>); the sweep writes sweep.json and sweep.html.
/// Exit code 0 when some rate held, 3 when none did, 2 when it could not start.
/// </summary>
public static class SweepCommand
{
    /// <summary>Without --to a sweep still ends: a target that never misses is more likely a broken measurement.</summary>
    private const int MaxSteps = 50;

    public static Command Create()
    {
        var options = new RunOptions();
        var from = new Option<double>("--from") { Description = "First rate", Required = true };
        var step = new Option<double>("--step") { Description = "Added to the rate after each step that held", Required = true };
        var to = new Option<double?>("--to") { Description = "Last rate to try (default: until the SLO breaks, at most 50 steps)" };
        var duration = new Option<string>("--duration") { Description = "Measured time of each step", Required = true };
        var command = new Command("sweep", "Raise the arrival rate step by step until the SLO breaks; report the highest rate that held.")
        {
            from, step, to, duration,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var (r0, s, rMax) = (parse.GetValue(from), parse.GetValue(step), parse.GetValue(to));
            if (!(r0 > 0) || !(s > 0) || rMax < r0)
            {
                await Console.Error.WriteLineAsync("--from and --step must be positive, and --to at least --from");
                return LoadRun.CannotRun;
            }

            var dir = options.SweepOut(parse, options.Scenario(parse));
            List<RunSettings> steps = [];
            for (var i = 0; i < MaxSteps && (rMax is null || r0 + (i * s) <= rMax.Value + 1e-9); i++)
            {
                var rate = Math.Round(r0 + (i * s), 6);
                if (!options.TryRead(parse, rate, parse.GetValue(duration), new DirectoryInfo(Path.Combine(dir.FullName, "rate-" + RunOptions.RateName(rate))), out var settings, out var error))
                {
                    await Console.Error.WriteLineAsync(error);
                    return LoadRun.CannotRun;
                }

                steps.Add(settings);
            }

            if (steps[0].Slo.Count == 0)
            {
                await Console.Error.WriteLineAsync("sweep needs --slo: it looks for the rate where the SLO breaks");
                return LoadRun.CannotRun;
            }

            return await RunAsync(steps, dir, Console.Error, cancel);
        });
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<RunSettings> steps, DirectoryInfo dir, TextWriter log, CancellationToken cancel)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Corpus corpus;
        try
        {
            corpus = Corpus.Load(steps[0].Corpus);
        }
        catch (CorpusException e)
        {
            await log.WriteLineAsync("cannot run: " + e.Message);
            return LoadRun.CannotRun;
        }

        List<SweepStep> done = [];
        for (var i = 0; i < steps.Count; i++)
        {
            // --load once, before the first step; every later step starts on a drained backlog (LoadRun waits for it).
            var settings = i == 0 ? steps[i] : steps[i] with { Load = false };
            await log.WriteLineAsync($"sweep: step {i + 1}, {RunOptions.RateName(settings.Rate)}/s");
            var result = await LoadRun.ExecuteAsync(settings, log, cancel, corpus);
            if (result.Report is not { } report)
            {
                return result.ExitCode;
            }

            var l = report.Results.LatencyMs;
            var held = report.Verdict.Held == true;
            done.Add(new SweepStep(settings.Rate, held, report.Results.AchievedPerSecond, report.Results.Failed, l.P50Ms, l.P99Ms, l.MaxMs, report.Verdict.Summary,
                Path.GetRelativePath(dir.FullName, Path.Combine(result.Out.FullName, "report.html"))));
            if (!held)
            {
                break;
            }
        }

        var highest = done.Where(d => d.Held).Select(d => (double?)d.Rate).LastOrDefault();
        var sweep = new SweepReport(steps[0].Scenario, steps[0].Target.ToString(), steps[0].Slo.Select(c => c.ToString()).ToList(), highest, done, EnvironmentInfo.Capture(), startedAt);
        dir.Create();
        File.WriteAllText(Path.Combine(dir.FullName, "sweep.json"), JsonSerializer.Serialize(sweep, RunReport.JsonOptions));
        WriteHtml(Path.Combine(dir.FullName, "sweep.html"), sweep);
        Console.WriteLine(highest is double h
            ? $"sweep: the highest rate that held {string.Join(", ", sweep.Slo)} is {RunOptions.RateName(h)}/s" + (done[^1].Held ? " (the last one tried: raise --to to look further)" : $"; {RunOptions.RateName(done[^1].Rate)}/s missed it")
            : $"sweep: no rate held {string.Join(", ", sweep.Slo)}; the first, {RunOptions.RateName(done[0].Rate)}/s, missed it");
        Console.WriteLine("  report    " + Path.Combine(dir.FullName, "sweep.html"));
        return highest is null ? LoadRun.Missed : LoadRun.Held;
    }

    private static void WriteHtml(string path, SweepReport sweep)
    {
        var html = new StringBuilder();
        var verdict = sweep.HighestHeldRate is double h
            ? $"Highest rate that held the SLO: {RunOptions.RateName(h)}/s"
            : "No rate held the SLO";
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sweep: {E(sweep.Scenario)}</title>
            <style>body {"{"} font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; {"}"} td, th {"{"} border: 1px solid #ccc; padding: 0.25em 0.6em; {"}"} table {"{"} border-collapse: collapse; {"}"} img {"{"} max-width: 100%; {"}"}</style>
            </head><body><h1>Sweep: {E(sweep.Scenario)} against {E(sweep.Target)}</h1>
            <p style="font-size: 1.3em; font-weight: bold">{E(verdict)} ({E(string.Join(", ", sweep.Slo))})</p>
            <table><tr><th>rate/s</th><th>achieved/s</th><th>failed</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th><th>verdict</th><th>report</th></tr>
            """);
        foreach (var s in sweep.Steps)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{s.Rate:0.##}</td><td>{s.AchievedPerSecond:0.#}</td><td>{s.Failed:N0}</td><td>{s.P50Ms:0.###}</td><td>{s.P99Ms:0.###}</td><td>{s.MaxMs:0.###}</td><td>{(s.Held ? "held" : "<b>missed</b>")}</td><td><a href=\"{E(s.Report)}\">report</a></td></tr>\n");
        }

        html.Append("</table>");
        var plot = new Plot();
        plot.Title("Latency by arrival rate");
        plot.XLabel("arrival rate (per second)");
        plot.YLabel("latency (ms)");
        var rates = sweep.Steps.Select(s => s.Rate).ToArray();
        var p50 = plot.Add.Scatter(rates, sweep.Steps.Select(s => s.P50Ms).ToArray());
        p50.LegendText = "p50";
        var p99 = plot.Add.Scatter(rates, sweep.Steps.Select(s => s.P99Ms).ToArray());
        p99.LegendText = "p99";
        plot.ShowLegend();
        html.Append(CultureInfo.InvariantCulture, $"<p><img alt=\"latency by rate\" src=\"data:image/png;base64,{Convert.ToBase64String(plot.GetImageBytes(900, 380, ImageFormat.Png))}\"></p>");
        html.Append("</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
