using System.Globalization;
using System.Text;
using Matching.Ranking;
using ScottPlot;

namespace Matching.Cli.Training;

/// <summary>
/// The training report: a Markdown file with what the model was trained on, its held-out metrics beside text
/// similarity alone, each feature's share of the trees' gain and each feature's NDCG@3 when it ranks alone, and
/// two PNG charts beside it (<c>&lt;name&gt;.metrics.png</c>, <c>&lt;name&gt;.importance.png</c>) linked relatively.
/// Apart from the model's creation time, the same inputs give the same files.
/// </summary>
public static class TrainingReport
{
    private const string ModelLabel = "model";
    private const string BaselineLabel = "text similarity alone";

    /// <summary>The metrics chart's path for a report path: <c>dir/name.md</c> gives <c>dir/name.metrics.png</c>.</summary>
    public static string MetricsChartPath(string reportPath) => Path.ChangeExtension(reportPath, null) + ".metrics.png";

    /// <summary>The importance chart's path for a report path: <c>dir/name.md</c> gives <c>dir/name.importance.png</c>.</summary>
    public static string ImportanceChartPath(string reportPath) => Path.ChangeExtension(reportPath, null) + ".importance.png";

    /// <summary>Writes the report to <paramref name="path"/> and its two charts beside it.</summary>
    /// <param name="path">The Markdown file.</param>
    /// <param name="model">The trained model (its metadata: trainer, featurizer, creation, training summary, importance).</param>
    /// <param name="learned">The model's metrics on the held-out needs.</param>
    /// <param name="baseline">Text similarity alone on the same held-out needs.</param>
    /// <param name="single">Each feature's NDCG@3 when the held-out pools are ranked by that feature alone.</param>
    public static void Write(string path, Ranker model, RankingMetrics learned, RankingMetrics baseline, IReadOnlyList<(string Feature, double Ndcg3)> single)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(single);

        var m = model.Metadata;
        var a = learned.ToDictionary();
        var b = baseline.ToDictionary();
        // Largest first; ties by name so the order never depends on the dictionary's.
        var importance = m.Importance
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();
        var alone = single
            .Select((s, i) => (s.Feature, s.Ndcg3, Index: i))
            .OrderByDescending(s => s.Ndcg3)
            .ThenBy(s => s.Index)
            .ToArray();

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var metricsChart = MetricsChartPath(path);
        var importanceChart = ImportanceChartPath(path);
        WriteMetricsChart(metricsChart, m.Version, a, b, learned.Needs);
        WriteImportanceChart(importanceChart, m.Version, importance);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Model {m.Version}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Trainer: {m.Trainer}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Featurizer: {m.Featurizer}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Created: {m.CreatedAt:O}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Trained on: {string.Join(", ", m.Training.Select(t => $"{t.Key} {t.Value}"))}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Held-out needs ({learned.Needs} with a relevant offer)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![Held-out metrics of the model and of text similarity alone]({Link(metricsChart)})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| metric | {ModelLabel} | {BaselineLabel} |");
        text.AppendLine("|---|---:|---:|");
        foreach (var name in a.Keys)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {a[name]:0.0000} | {b[name]:0.0000} |");
        }

        text.AppendLine();
        text.AppendLine("## Feature importance (share of the trees' gain)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![Feature importance, share of the trees' gain]({Link(importanceChart)})");
        text.AppendLine();
        text.AppendLine("| feature | share |");
        text.AppendLine("|---|---:|");
        foreach (var (name, share) in importance)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {share:0.0000} |");
        }

        text.AppendLine();
        text.AppendLine("## Each feature alone (NDCG@3 of the held-out pools ranked by that feature)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"For comparison: the model {learned.Ndcg3:0.0000}, text similarity alone {baseline.Ndcg3:0.0000}.");
        text.AppendLine();
        text.AppendLine("| feature | ndcg@3 |");
        text.AppendLine("|---|---:|");
        foreach (var (name, ndcg3, _) in alone)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ndcg3:0.0000} |");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>A relative link to a file beside the report.</summary>
    private static string Link(string chartPath) => Uri.EscapeDataString(Path.GetFileName(chartPath));

    /// <summary>Grouped bars: for each metric, the model's bar beside text similarity alone's.</summary>
    private static void WriteMetricsChart(string path, string version, Dictionary<string, double> learned, Dictionary<string, double> baseline, int needs)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var modelColor = palette.GetColor(0);
        var baselineColor = palette.GetColor(1);
        var names = learned.Keys.ToArray();
        List<Bar> bars = [];
        List<Tick> ticks = [];
        for (var i = 0; i < names.Length; i++)
        {
            var center = i * 3 + 1.5;
            bars.Add(ValueBar(center - 0.5, learned[names[i]], modelColor));
            bars.Add(ValueBar(center + 0.5, baseline[names[i]], baselineColor));
            ticks.Add(new Tick(center, names[i]));
        }

        plot.Add.Bars(bars);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{ModelLabel} {version}", FillColor = modelColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = BaselineLabel, FillColor = baselineColor });
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Title($"Held-out needs ({needs.ToString(CultureInfo.InvariantCulture)} with a relevant offer)");
        plot.XLabel("metric");
        plot.YLabel("score (0 to 1)");
        // Room above the tallest bar for its label and the legend.
        plot.Axes.SetLimits(-0.5, names.Length * 3 + 0.5, 0, 1.15);
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Horizontal bars of each feature's share of the gain, the largest at the top.</summary>
    private static void WriteImportanceChart(string path, string version, KeyValuePair<string, double>[] importance)
    {
        var plot = new Plot();
        var color = new ScottPlot.Palettes.Category10().GetColor(0);
        List<Bar> bars = [];
        List<Tick> ticks = [];
        for (var i = 0; i < importance.Length; i++)
        {
            var position = importance.Length - 1 - i;
            bars.Add(ValueBar(position, importance[i].Value, color));
            ticks.Add(new Tick(position, importance[i].Key));
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Title($"Feature importance of model {version}");
        plot.XLabel("share of the trees' gain");
        plot.YLabel("feature");
        var largest = importance.Length == 0 ? 1 : Math.Max(importance.Max(p => p.Value), 1e-6);
        plot.Axes.SetLimits(0, largest * 1.15, -0.6, Math.Max(importance.Length, 1) - 0.4);
        plot.SavePng(path, 800, 140 + (28 * Math.Max(importance.Length, 1)));
    }

    private static Bar ValueBar(double position, double value, Color color) => new()
    {
        Position = position,
        Value = value,
        FillColor = color,
        LineWidth = 0,
        Label = value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
