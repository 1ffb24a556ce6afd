using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace Matching.Load.Run;

/// <summary>
/// <c>report.html</c> for people: the verdict in words, the numbers, and three charts (latency per second,
/// requests per second, percentile distribution) as PNGs embedded in the page, so the file can be mailed alone.
/// </summary>
public static class HtmlReport
{
    private const int Width = 900;
    private const int Height = 380;

    public static void Write(string path, RunReport report)
    {
        var r = report.Results;
        var s = report.Settings;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>{E(s.Scenario)} at {s.Rate:0.##}/s: {E(report.Verdict.Summary)}</title>
            <style>
            body {"{"} font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #222; {"}"}
            table {"{"} border-collapse: collapse; margin: 0.5em 0 1.5em; {"}"}
            td, th {"{"} border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; {"}"}
            td.n {"{"} text-align: right; font-variant-numeric: tabular-nums; {"}"}
            .verdict {"{"} padding: 0.8em 1em; font-size: 1.3em; font-weight: bold; border-radius: 4px; {"}"}
            .held {"{"} background: #d4edda; {"}"} .missed {"{"} background: #f8d7da; {"}"} .none {"{"} background: #e2e3e5; {"}"}
            img {"{"} max-width: 100%; {"}"}
            </style></head><body>
            <h1>Load test: {E(s.Scenario)} at {s.Rate:0.##} {E(s.RateUnit)}</h1>
            <p class="verdict {(report.Verdict.Held switch { true => "held", false => "missed", null => "none" })}">{E(report.Verdict.Summary)}</p>
            <p>{E(s.Target)}, {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {s.DurationSeconds:0.##} s measured after {s.WarmupSeconds:0.##} s of warm-up.
            Latency is counted from each request's intended start (open model), for successful requests of the measured window.</p>

            """);

        if (report.Verdict.Criteria.Count > 0)
        {
            html.Append("<h2>Service level objective</h2><table><tr><th>criterion</th><th>actual</th><th></th></tr>");
            foreach (var c in report.Verdict.Criteria)
            {
                var actual = c.ActualRatio is double ratio ? $"{ratio * 100:0.###}%" : Format.Ms(c.ActualMs);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Criterion)}</td><td class=\"n\">{E(actual)}</td><td>{(c.Held ? "held" : "<b>missed</b>")}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Results</h2><table>");
        Row(html, "offered rate", $"{r.OfferedPerSecond:N1}/s");
        Row(html, "sent rate", $"{r.SentPerSecond:N1}/s");
        Row(html, "achieved rate (successful)", $"{r.AchievedPerSecond:N1}/s");
        Row(html, "requests measured", $"{r.Measured:N0}: {r.Succeeded:N0} succeeded, {r.Failed:N0} failed");
        Row(html, "warm-up requests (not counted)", $"{r.WarmupRequests:N0} ({r.WarmupFailed:N0} failed)");
        html.Append("</table>");

        html.Append("<table><tr><th>kind</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr>");
        LatencyRow(html, "all", r.LatencyMs);
        if (r.LatencyMsByKind.Count > 1)
        {
            foreach (var (kind, latency) in r.LatencyMsByKind)
            {
                LatencyRow(html, kind, latency);
            }
        }

        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Send lag (from a request's due time until it left the client: the timer's granularity and the thread pool, part of every latency above): p50 {Format.Ms(r.SendLagMs.P50Ms)}, p99 {Format.Ms(r.SendLagMs.P99Ms)}, max {Format.Ms(r.SendLagMs.MaxMs)}.</p>");
        Table(html, "Status codes", r.StatusCodes);
        Table(html, "Errors", r.Errors.Count == 0 ? new Dictionary<string, long> { ["none"] = 0 } : r.ErrorsByKind);
        if (r.Counters.Count > 0)
        {
            Table(html, "Counted by the scenario", r.Counters);
        }

        html.Append("<h2>Charts</h2>");
        html.Append(Image(LatencyOverTime(report), "latency per second"));
        html.Append(Image(RatesOverTime(report), "requests per second"));
        html.Append(Image(Distribution(report), "percentile distribution"));

        var env = report.Environment;
        html.Append("<h2>Environment</h2><table>");
        Row(html, "git commit", env.GitCommit is null ? "unknown" : env.GitCommit + (env.GitDirty == true ? " (with uncommitted changes)" : ""));
        Row(html, "machine", $"{env.Machine}: {env.Cores} cores, {env.MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB");
        Row(html, "OS", $"{env.Os} ({env.Architecture})");
        Row(html, ".NET", env.Dotnet + (env.ServerGc ? ", server GC" : ", workstation GC"));
        Row(html, "target", s.Target);
        Row(html, "target status before", report.Target.StatusBefore?.ToJsonString() ?? "unknown");
        Row(html, "target status after", report.Target.StatusAfter?.ToJsonString() ?? "unknown");
        if (report.Target.Load is { } load)
        {
            Row(html, "--load", $"{load.Items:N0} items in {load.Batches} batches, acknowledged in {load.AcknowledgedSeconds:0.#} s, {load.Backlog}");
        }

        html.Append("</table><h2>Settings</h2><table>");
        Row(html, "corpus", $"{s.Corpus}: {s.CorpusOffers:N0} offers, {s.CorpusNeeds:N0} needs, {s.CorpusJudgments:N0} judgments");
        Row(html, "seed, k", $"{s.Seed}, {s.K}");
        Row(html, "in-flight cap, timeout", $"{s.MaxInFlight:N0}, {s.TimeoutSeconds:0.##} s");
        Row(html, "SLO", s.Slo.Count == 0 ? "none" : string.Join(", ", s.Slo));
        html.Append("</table><p>Every number is also in report.json.</p></body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    /// <summary>p50, p99 and max of each second of intended start; the warm-up shaded.</summary>
    internal static Plot LatencyOverTime(RunReport report)
    {
        var plot = NewPlot("Latency per second of intended start", "seconds since start", "latency (ms)");
        ShadeWarmup(plot, report);
        var seconds = report.Results.PerSecond.Where(p => p.P50Ms is not null).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        Line(plot, seconds.Select(p => p.Second + 0.5).ToArray(), seconds.Select(p => p.P50Ms!.Value).ToArray(), "p50", palette.GetColor(0));
        Line(plot, seconds.Select(p => p.Second + 0.5).ToArray(), seconds.Select(p => p.P99Ms!.Value).ToArray(), "p99", palette.GetColor(1));
        Line(plot, seconds.Select(p => p.Second + 0.5).ToArray(), seconds.Select(p => p.MaxMs!.Value).ToArray(), "max", palette.GetColor(3));
        SloLines(plot, report, percentile => percentile is 50 or 99 or 100);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    internal static Plot RatesOverTime(RunReport report)
    {
        var plot = NewPlot("Requests per second of intended start", "seconds since start", "requests");
        ShadeWarmup(plot, report);
        // A last second that the run only partly covers would show as a drop in the rate: it is left out.
        var whole = (int)Math.Floor(report.Settings.WarmupSeconds + report.Settings.DurationSeconds + 1e-9);
        var seconds = report.Results.PerSecond.Where(p => p.Second < whole).ToList();
        var xs = seconds.Select(p => p.Second + 0.5).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        Line(plot, xs, seconds.Select(p => (double)p.Sent).ToArray(), "due", palette.GetColor(7));
        Line(plot, xs, seconds.Select(p => (double)p.Succeeded).ToArray(), "succeeded", palette.GetColor(2));
        Line(plot, xs, seconds.Select(p => (double)p.Failed).ToArray(), "failed", palette.GetColor(3));
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>
    /// Latency by percentile, the x axis stretched towards 100% (x = -log10(1 - p)): 90%, 99% and 99.9% are
    /// equally far apart, as in HdrHistogram's own plots.
    /// </summary>
    internal static Plot Distribution(RunReport report)
    {
        var plot = NewPlot("Percentile distribution (measured window)", "percentile", "latency (ms)");
        var count = Math.Max(report.Results.LatencyMs.Count, 1);
        // The last point is 100%, infinitely far out on this axis: it is drawn at the rank of the single slowest request.
        var top = 1 - (1.0 / count);
        var points = report.Results.Distribution.Select(p => (X: Stretch(Math.Min(p.Percentile / 100, top)), Y: p.Ms)).ToArray();
        Line(plot, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), "latency", new ScottPlot.Palettes.Category10().GetColor(0));
        SloLines(plot, report, _ => true);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        string[] labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"];
        var maxX = Math.Max(2, Math.Ceiling(points.Length == 0 ? 0 : points.Max(p => p.X)));
        for (var i = 0; i <= maxX && i < labels.Length; i++)
        {
            ticks.AddMajor(i, labels[i]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(0, maxX);
        return plot;
    }

    private static double Stretch(double quantile) => -Math.Log10(1 - quantile);

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, Color color)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
    }

    private static void ShadeWarmup(Plot plot, RunReport report)
    {
        if (report.Settings.WarmupSeconds > 0)
        {
            var span = plot.Add.HorizontalSpan(0, report.Settings.WarmupSeconds, Colors.Gray.WithAlpha(0.15));
            span.LegendText = "warm-up (not counted)";
        }
    }

    /// <summary>A dashed line at each latency limit of the SLO the chart shows.</summary>
    private static void SloLines(Plot plot, RunReport report, Func<double, bool> shown)
    {
        foreach (var c in report.Verdict.Criteria.Where(c => c.ActualRatio is null))
        {
            var percentile = c.Criterion.Split(' ')[0] switch { "p50" => 50, "p90" => 90, "p99" => 99, "p99.9" => 99.9, _ => 100.0 };
            if (shown(percentile))
            {
                var line = plot.Add.HorizontalLine(c.LimitMs, 1.5f, c.Held ? Colors.Green : Colors.Red, LinePattern.Dashed);
                line.LegendText = "SLO " + c.Criterion;
            }
        }
    }

    /// <summary>The chart as an embedded PNG, its legend beside it (never over the lines).</summary>
    private static string Image(Plot plot, string alt)
    {
        plot.ShowLegend(Edge.Right);
        return $"<p><img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(plot.GetImageBytes(Width, Height, ImageFormat.Png))}\"></p>\n";
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");

    private static void LatencyRow(StringBuilder html, string kind, LatencySummary l) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(kind)}</td><td class=\"n\">{l.Count:N0}</td><td class=\"n\">{Format.Ms(l.P50Ms)}</td><td class=\"n\">{Format.Ms(l.P90Ms)}</td><td class=\"n\">{Format.Ms(l.P99Ms)}</td><td class=\"n\">{Format.Ms(l.P999Ms)}</td><td class=\"n\">{Format.Ms(l.MaxMs)}</td><td class=\"n\">{Format.Ms(l.MeanMs)}</td></tr>");

    private static void Table(StringBuilder html, string title, IReadOnlyDictionary<string, long> counts)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2><table>");
        foreach (var (name, count) in counts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td class=\"n\">{count:N0}</td></tr>");
        }

        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
