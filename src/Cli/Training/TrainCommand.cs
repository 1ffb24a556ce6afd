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

    /// <summary>
    /// Trains and prints the outcome on <paramref name="console"/>; returns the exit code: 0 written, 1 when the options,
    /// the files or the data do not allow training (one line on <paramref name="errors"/>, standard error by default,
    /// as <c>evaluate</c> does).
    /// </summary>
    public static int Run(TrainOptions options, IAnsiConsole console, TextWriter? errors = null)
    {
        try
        {
            var result = Train(options, console);
            console.MarkupLineInterpolated($"[green]wrote[/] {options.Out} (version {result.Model.Version}) and {result.ReportPath}");
            return 0;
        }
        catch (Exception e) when (e is TrainingDataException or RankerTrainingException or InvalidModelException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            (errors ?? Console.Error).WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>What the table's caption counts: the held-out needs that have a relevant offer.</summary>
    public const string CountedNeeds = "held-out needs with a relevant offer";

    /// <summary>Fewest held-out needs with a relevant offer: with none, there is nothing to measure the model on.</summary>
    public const int MinHeldOutNeeds = 1;

    /// <summary>
    /// Fewest training needs with a relevant offer among their first-phase candidates: a ranker learns to order a
    /// need's pool from the needs whose pool holds something to put first, and one such need teaches only itself.
    /// </summary>
    public const int MinTrainingNeeds = 2;

    /// <summary>
    /// Why the split cannot train and evaluate a ranker, or null when it can: too few needs with a relevant offer
    /// on either side, or fewer training pairs than the trees' first split needs (two leaves of --min-leaf pairs).
    /// Checked before training, because ML.NET's trainers fail on such data with messages about their internals.
    /// </summary>
    internal static string? SplitProblem(int judgedNeeds, IReadOnlyList<PairGroup> train, IReadOnlyList<PairGroup> test, TrainOptions options)
    {
        var missing = new List<string>();
        var heldOut = test.Count(RankerTraining.HasRelevant);
        if (heldOut < MinHeldOutNeeds)
        {
            missing.Add($"held-out needs with a relevant offer: {heldOut} of {test.Count}, at least {MinHeldOutNeeds}");
        }

        var learnable = train.Count(RankerTraining.HasRelevantCandidate);
        if (learnable < MinTrainingNeeds)
        {
            missing.Add($"training needs with a relevant offer among their first-phase candidates: {learnable} of {train.Count}, at least {MinTrainingNeeds}");
        }

        var pairs = train.Sum(g => g.Rows.Length);
        var minPairs = 2 * options.Trees.MinLeaf;
        if (pairs < minPairs)
        {
            missing.Add($"training pairs: {pairs}, at least {minPairs} (2 x --min-leaf {options.Trees.MinLeaf})");
        }

        return missing.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"too few judged needs to train and evaluate ({judgedNeeds} judged, split with --held-out {options.HeldOut} --seed {options.Seed}): {string.Join("; ", missing)}. A relevant offer has a grade above 0.");
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
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("first phase and pair features", maxValue: files.Needs.Count);
                groups = RankerTraining.BuildPairs(model, files.Offers, files.Needs, files.Judgments, new Progress<int>(n => task.Value = n));
                task.Value = task.MaxValue;
            });
        }
        else
        {
            // Redirected output: Spectre's fallback progress prints a task only at its first milestones, once a second,
            // and never once it is finished, so a log would end at "0%". The outcome line below says what happened.
            groups = RankerTraining.BuildPairs(model, files.Offers, files.Needs, files.Judgments);
        }

        console.MarkupLineInterpolated(
            $"first phase and pair features: done, {files.Needs.Count} needs read, {groups.Count} judged, {groups.Sum(g => g.Rows.Length)} pairs");
        var (train, test) = RankerTraining.Split(groups, options.Seed, options.HeldOut);
        if (SplitProblem(groups.Count, train, test, options) is { } problem)
        {
            throw new TrainingDataException(problem);
        }

        Ranker ranker = null!;
        console.Status().Start($"training {options.Trainer} on {train.Count} needs, {train.Sum(g => g.Rows.Length)} pairs", _ =>
            ranker = RankerTraining.Train(train, options.Trainer, options.Trees, options.Seed, version, DefaultFeaturizer.Version, DateTimeOffset.UtcNow));
        var learned = RankerTraining.Evaluate(test, f => ranker.Raw(f));
        var baseline = RankerTraining.Evaluate(test, RankerTraining.Similarity);
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
        Print(console, final, learned, baseline, CountedNeeds);
        if (BelowBaseline(learned, baseline) is { } warning)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }

        return new TrainResult(final, learned, baseline, reportPath);
    }

    /// <summary>
    /// A warning when the model's ndcg@3 is below text similarity alone's on the same needs (as printed, to 4 decimals):
    /// serving it would rank worse than the first phase's own order. Null otherwise. Short, so that a redirected log
    /// (80 columns) keeps it on one line.
    /// </summary>
    public static string? BelowBaseline(RankingMetrics learned, RankingMetrics baseline)
    {
        var model = Math.Round(learned.Ndcg3, 4);
        var text = Math.Round(baseline.Ndcg3, 4);
        return model < text
            ? string.Create(CultureInfo.InvariantCulture,
                $"the model's held-out ndcg@3 {model:0.0000} is below text alone's {text:0.0000}")
            : null;
    }

    /// <summary>The metrics table, the model beside text similarity alone; <paramref name="needs"/> says which needs were counted.</summary>
    internal static void Print(IAnsiConsole console, Ranker model, RankingMetrics learned, RankingMetrics baseline, string needs)
    {
        var table = new Table().AddColumns("metric", $"model {model.Version}", "text similarity alone");
        var a = learned.ToDictionary();
        var b = baseline.ToDictionary();
        foreach (var name in a.Keys)
        {
            table.AddRow(name, a[name].ToString("0.0000", CultureInfo.InvariantCulture), b[name].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        table.Caption($"{learned.Needs} {needs}; {model.Metadata.Trainer}");
        console.Write(table);
    }
}
