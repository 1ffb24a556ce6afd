using System.Globalization;
using System.Text;
using Matching.Ranking;

namespace Matching.Cli.Training;

/// <summary>The training report: metrics beside text similarity alone, feature importance, what it was trained on.</summary>
public static class TrainingReport
{
    public static void Write(string path, Ranker model, RankingMetrics learned, RankingMetrics baseline)
    {
        var m = model.Metadata;
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
        text.AppendLine("| metric | model | text similarity alone |");
        text.AppendLine("|---|---:|---:|");
        var a = learned.ToDictionary();
        var b = baseline.ToDictionary();
        foreach (var name in a.Keys)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {a[name]:0.0000} | {b[name]:0.0000} |");
        }

        text.AppendLine();
        text.AppendLine("## Feature importance (share of the trees' gain)");
        text.AppendLine();
        text.AppendLine("| feature | share |");
        text.AppendLine("|---|---:|");
        foreach (var (name, share) in m.Importance)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {share:0.0000} |");
        }

        File.WriteAllText(path, text.ToString());
    }
}
