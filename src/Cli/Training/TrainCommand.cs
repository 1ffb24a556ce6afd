using System.CommandLine;
using System.Globalization;
using Matching.Ranking;
using Spectre.Console;

namespace Matching.Cli.Training;

/// <summary>
/// Data scientists: trains the second-phase ranker offline, in this process (no cluster), on a split by need,
/// and writes the model file and a report comparing it with text similarity alone on the held-out needs.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var offers = new Option<string>("--offers") { Description = "offers.jsonl", Required = true };
        var needs = new Option<string>("--needs") { Description = "needs.jsonl", Required = true };
        var judgments = new Option<string>("--judgments") { Description = "judgments.jsonl (needId, offerId, grade 0..4)", Required = true };
        var output = new Option<string>("--out") { Description = "The model file to write (a zip)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainer: the same seed and files give the same model", DefaultValueFactory = _ => 1 };
        var trainer = new Option<RankerTrainer>("--trainer") { Description = "ML.NET ranking trainer", DefaultValueFactory = _ => RankerTrainer.LightGbm };
        var version = new Option<string?>("--version") { Description = "Model version (default: the date and the seed, e.g. 2026-11-27.1)" };
        var heldOut = new Option<double>("--held-out") { Description = "Share of judged needs held out for evaluation", DefaultValueFactory = _ => 0.2 };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => new TreeSettings().Trees };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree", DefaultValueFactory = _ => new TreeSettings().Leaves };
        var minLeaf = new Option<int>("--min-leaf") { Description = "Fewest pairs in a leaf", DefaultValueFactory = _ => new TreeSettings().MinLeaf };
        var rate = new Option<double>("--learning-rate") { Description = "Shrinkage per round", DefaultValueFactory = _ => new TreeSettings().LearningRate };
        var report = new Option<string?>("--report") { Description = "Report file (Markdown; its two charts are written beside it). Default: the model's path with .md" };
        var command = new Command("train", "Train the ranker on judged pairs and report it against text similarity alone")
        {
            offers, needs, judgments, output, seed, trainer, trees, leaves, minLeaf, rate, version, heldOut, report,
        };
        command.SetAction(parse =>
        {
            var options = new TrainOptions(
                parse.GetValue(offers)!, parse.GetValue(needs)!, parse.GetValue(judgments)!, parse.GetValue(output)!,
                parse.GetValue(seed), parse.GetValue(trainer),
                new TreeSettings(parse.GetValue(trees), parse.GetValue(leaves), parse.GetValue(minLeaf), parse.GetValue(rate)), parse.GetValue(version), parse.GetValue(heldOut), parse.GetValue(report));
            return Run(options, AnsiConsole.Console);
        });
        return command;
    }

    public sealed record TrainOptions(
        string Offers, string Needs, string Judgments, string Out, int Seed, RankerTrainer Trainer, TreeSettings Trees, string? Version, double HeldOut, string? Report);

    /// <summary>The outcome of a training run, for the report and the tests.</summary>
    public sealed record TrainResult(Ranker Model, RankingMetrics Learned, RankingMetrics Baseline, string ReportPath);

    public static int Run(TrainOptions options, IAnsiConsole console)
    {
        try
        {
            var result = Train(options, console);
            console.MarkupLineInterpolated($"[green]wrote[/] {options.Out} (version {result.Model.Version}) and {result.ReportPath}");
            return 0;
        }
        catch (Exception e) when (e is TrainingDataException or InvalidModelException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }

    public static TrainResult Train(TrainOptions options, IAnsiConsole console)
    {
        if (options.Trees is not { Trees: >= 1, Leaves: >= 2, MinLeaf: >= 1, LearningRate: > 0 and <= 1 })
        {
            throw new ArgumentException("--trees >= 1, --leaves >= 2, --min-leaf >= 1 and 0 < --learning-rate <= 1");
        }

        if (options.HeldOut is <= 0 or >= 1)
        {
            throw new ArgumentException("--held-out must be between 0 and 1");
        }

        var version = options.Version ?? $"{DateTime.UtcNow:yyyy-MM-dd}.{options.Seed}";
        if (!ModelVersions.IsValid(version))
        {
            throw new ArgumentException("--version must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }

        var files = TrainingFiles.Read(options.Offers, options.Needs, options.Judgments);
        var model = DefaultFeaturizer.Model;
        List<PairGroup> groups = [];
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("first phase and pair features", maxValue: files.Needs.Count);
            groups = RankerTraining.BuildPairs(model, files.Offers, files.Needs, files.Judgments, new Progress<int>(n => task.Value = n));
            task.Value = task.MaxValue;
        });
        var (train, test) = RankerTraining.Split(groups, options.Seed, options.HeldOut);
        if (train.Count == 0 || test.Count == 0)
        {
            throw new TrainingDataException($"{groups.Count} judged needs: too few to hold {options.HeldOut:P0} out and train on the rest");
        }

        Ranker ranker = null!;
        console.Status().Start($"training {options.Trainer} on {train.Count} needs, {train.Sum(g => g.Rows.Length)} pairs", _ =>
            ranker = RankerTraining.Train(train, options.Trainer, options.Trees, options.Seed, version, DefaultFeaturizer.Version, DateTimeOffset.UtcNow));
        var learned = RankerTraining.Evaluate(test, f => ranker.Raw(f));
        var baseline = RankerTraining.Evaluate(test, RankerTraining.Cosine);
        var single = PairFeatures.Names.Select((name, i) => (name, RankerTraining.Evaluate(test, f => f[i]).Ndcg3)).ToArray();

        var summary = files.Summary();
        summary["trainNeeds"] = train.Count;
        summary["testNeeds"] = test.Count;
        summary["trainPairs"] = train.Sum(g => g.Rows.Length);
        summary["seed"] = options.Seed;
        var final = Ranker.Create(ranker, ranker.Metadata with
        {
            Metrics = learned.ToDictionary(),
            Baseline = baseline.ToDictionary(),
            Training = summary,
        });

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Out))!;
        Directory.CreateDirectory(directory);
        using (var file = File.Create(options.Out))
        {
            final.Save(file);
        }

        var reportPath = options.Report ?? Path.ChangeExtension(options.Out, ".md");
        TrainingReport.Write(reportPath, final, learned, baseline, single);
        Print(console, final, learned, baseline);
        return new TrainResult(final, learned, baseline, reportPath);
    }

    internal static void Print(IAnsiConsole console, Ranker model, RankingMetrics learned, RankingMetrics baseline)
    {
        var table = new Table().AddColumns("metric", $"model {model.Version}", "text similarity alone");
        var a = learned.ToDictionary();
        var b = baseline.ToDictionary();
        foreach (var name in a.Keys)
        {
            table.AddRow(name, a[name].ToString("0.0000", CultureInfo.InvariantCulture), b[name].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        table.Caption($"{learned.Needs} held-out needs with a relevant offer; {model.Metadata.Trainer}");
        console.Write(table);
    }
}
