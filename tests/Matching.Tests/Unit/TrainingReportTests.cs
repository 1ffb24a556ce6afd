using Matching.Cli.Training;
using Matching.Grains;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class TrainingReportTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly RankingMetrics Learned = new(0.6123, 0.5987, 0.5, 0.7012, 42);
    private static readonly RankingMetrics Baseline = new(0.5011, 0.4988, 0.4167, 0.6543, 42);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static (string Feature, double Ndcg3)[] Single() =>
        PairFeatures.Names.Select((name, i) => (name, 0.3 + (i % 5 * 0.05))).ToArray();

    [Fact]
    public void The_report_has_its_tables_and_links_two_png_charts_beside_it()
    {
        var model = ModelHost.Default;
        var path = Path.Combine(_folder, "report.md");

        TrainingReport.Write(path, model, Learned, Baseline, Single());

        var text = File.ReadAllText(path);
        Assert.Contains($"# Model {model.Version}", text);
        Assert.Contains($"- Trainer: {model.Metadata.Trainer}", text);
        Assert.Contains($"- Featurizer: {model.Metadata.Featurizer}", text);
        Assert.Contains("## Held-out needs (42 with a relevant offer)", text);
        Assert.Contains("| metric | model | text similarity alone |", text);
        Assert.Contains("| ndcg@3 | 0.6123 | 0.5011 |", text);
        Assert.Contains("| mrr@10 | 0.7012 | 0.6543 |", text);
        Assert.Contains("## Feature importance", text);
        Assert.Contains("| feature | share |", text);
        foreach (var (name, share) in model.Metadata.Importance)
        {
            Assert.Contains($"| {name} | {share:0.0000} |", text);
        }

        Assert.Contains("## Each feature alone", text);
        Assert.Contains("| feature | ndcg@3 |", text);
        foreach (var (name, ndcg3) in Single())
        {
            Assert.Contains($"| {name} | {ndcg3:0.0000} |", text);
        }

        Assert.Contains("](report.metrics.png)", text);
        Assert.Contains("](report.importance.png)", text);
        foreach (var chart in new[] { "report.metrics.png", "report.importance.png" })
        {
            var file = Path.Combine(_folder, chart);
            Assert.True(File.Exists(file), $"{chart} was not written");
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length > 1000, $"{chart} is only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..PngSignature.Length]);
        }
    }

    [Fact]
    public void The_same_inputs_give_the_same_report_and_charts()
    {
        var first = Path.Combine(_folder, "a", "r.md");
        var second = Path.Combine(_folder, "b", "r.md");

        TrainingReport.Write(first, ModelHost.Default, Learned, Baseline, Single());
        TrainingReport.Write(second, ModelHost.Default, Learned, Baseline, Single());

        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(File.ReadAllBytes(TrainingReport.MetricsChartPath(first)), File.ReadAllBytes(TrainingReport.MetricsChartPath(second)));
        Assert.Equal(File.ReadAllBytes(TrainingReport.ImportanceChartPath(first)), File.ReadAllBytes(TrainingReport.ImportanceChartPath(second)));
    }
}
