using Matching.Cli;
using Matching.Cli.Training;
using Matching.Ranking;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Matching.Tests.Unit;

/// <summary>
/// The data scientists' commands on small judged data, such as a feedback export used alone: <c>train</c> refuses
/// with one line saying what is missing (exit code 1, no stack trace), <c>evaluate</c> says which needs it counted.
/// </summary>
public sealed class TrainingCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-train-" + Guid.NewGuid().ToString("N"));

    public TrainingCliTests()
    {
        // A feedback export's shape: 2 judged needs, 4 judged pairs, the judged offers only.
        Directory.CreateDirectory(_folder);
        File.WriteAllLines(Offers, [
            """{"id":"o1","title":"Solid-state battery electrolyte","description":"A sulfide solid electrolyte for lithium batteries.","keywords":["battery","electrolyte"],"country":"CN","trl":6}""",
            """{"id":"o2","title":"Battery thermal management system","description":"Liquid cooling for battery packs.","keywords":["battery","cooling"],"country":"CN","trl":5}""",
            """{"id":"o3","title":"Drone obstacle avoidance","description":"Lidar based obstacle avoidance for small drones.","keywords":["drone","lidar"],"country":"GB","trl":4}""",
            """{"id":"o4","title":"Agricultural spraying drone","description":"A drone that sprays crops with precision nozzles.","keywords":["drone","agriculture"],"country":"GB","trl":7}""",
        ]);
        File.WriteAllLines(Needs, [
            """{"id":"n1","title":"We need a safer lithium battery","description":"Solid electrolyte or thermal management for battery packs.","keywords":["battery"]}""",
            """{"id":"n2","title":"Drone for crop protection","description":"A spraying drone with obstacle avoidance.","keywords":["drone"]}""",
        ]);
        File.WriteAllLines(Judgments, [
            """{"needId":"n1","offerId":"o1","grade":4}""",
            """{"needId":"n1","offerId":"o2","grade":3}""",
            """{"needId":"n2","offerId":"o4","grade":4}""",
            """{"needId":"n2","offerId":"o3","grade":1}""",
        ]);
    }

    private string Offers => Path.Combine(_folder, "offers.jsonl");

    private string Needs => Path.Combine(_folder, "needs.jsonl");

    private string Judgments => Path.Combine(_folder, "judgments.jsonl");

    private string ModelFile => Path.Combine(_folder, "fbm.zip");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A console as a redirected terminal is: not interactive, no colors, wide enough that no line wraps.</summary>
    private static IAnsiConsole Redirected(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        return console;
    }

    private (int Exit, string Output, string Errors) Train(double heldOut)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var options = new TrainCommand.TrainOptions(Offers, Needs, Judgments, ModelFile, Seed: 1, RankerTrainer.LightGbm, new TreeSettings(), Version: null, heldOut, Report: null);
        var exit = TrainCommand.Run(options, Redirected(output), errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Train_on_two_judged_needs_refuses_in_one_line_that_the_held_out_split_and_the_training_pairs_are_too_few()
    {
        var (exit, output, errors) = Train(heldOut: 0.2);

        Assert.Equal(1, exit);
        var line = Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.StartsWith("error: too few judged needs to train and evaluate (2 judged, split with --held-out 0.2 --seed 1): ", line);
        Assert.Contains("held-out needs with a relevant offer: 0 of 0, at least 1", line);
        Assert.Contains("training pairs: 4, at least 20 (2 x --min-leaf 10)", line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain("   at ", output + errors); // no stack trace
        Assert.False(File.Exists(ModelFile));
        // The redirected log says what was done before the refusal (not a progress bar stuck at 0%).
        Assert.Contains("first phase and pair features: done, 2 needs read, 2 judged, 4 pairs", output);
    }

    [Fact]
    public void Train_holding_out_half_of_two_judged_needs_refuses_that_one_training_need_is_too_few()
    {
        var (exit, output, errors) = Train(heldOut: 0.5);

        Assert.Equal(1, exit);
        var line = Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.StartsWith("error: too few judged needs to train and evaluate (2 judged, split with --held-out 0.5 --seed 1): ", line);
        Assert.Contains("training needs with a relevant offer among their first-phase candidates: 1 of 1, at least 2", line);
        Assert.Contains("training pairs: 2, at least 20", line);
        Assert.DoesNotContain("held-out needs", line); // the held-out need has a relevant offer
        Assert.DoesNotContain("   at ", output + errors); // no stack trace
        Assert.False(File.Exists(ModelFile));
    }

    [Fact]
    public void Pairs_the_trainer_cannot_learn_from_fail_with_a_training_exception_that_says_so_not_an_mlnet_internal()
    {
        // Enough pairs for the first split, one relevant offer a need, features that say nothing (every pair has the
        // same): LightGBM finds no split and grows no tree. (Random features are not enough: once every need is
        // learned from, 40 pairs of noise are split.)
        var groups = Enumerable.Range(0, 2).Select(n => new PairGroup($"n{n}",
            Enumerable.Range(0, 20).Select(i => new PairRow($"o{i}", Enumerable.Repeat(0.5f, PairFeatures.Width).ToArray(), i == 0 ? 3 : 0)).ToArray(),
            [3])).ToList();

        var e = Assert.Throws<RankerTrainingException>(() =>
            RankerTraining.Train(groups, RankerTrainer.LightGbm, new TreeSettings(), 1, "t-1", DefaultFeaturizer.Version, DateTimeOffset.UnixEpoch));

        Assert.StartsWith("LightGbm learned no ranker from 2 needs and 40 pairs (", e.Message);
    }

    [Fact]
    public void Train_warns_when_the_model_is_below_text_similarity_alone_as_printed()
    {
        var below = TrainCommand.BelowBaseline(new RankingMetrics(0.5061, 0.5, 0.4, 0.6, 119), new RankingMetrics(0.5095, 0.5, 0.4, 0.6, 119));

        Assert.Equal("the model's held-out ndcg@3 0.5061 is below text alone's 0.5095", below);
        Assert.Null(TrainCommand.BelowBaseline(new RankingMetrics(0.534, 0.5, 0.4, 0.6, 119), new RankingMetrics(0.5095, 0.5, 0.4, 0.6, 119)));
        Assert.Null(TrainCommand.BelowBaseline(new RankingMetrics(0.50951, 0.5, 0.4, 0.6, 119), new RankingMetrics(0.50954, 0.5, 0.4, 0.6, 119))); // equal as printed
    }

    [Fact]
    public void Evaluate_counts_every_judged_need_and_says_so_not_held_out_ones()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var model = Path.Combine(TrainingSetFixture.RepoRoot(), "models", "default.zip");

        var exit = EvaluateCommand.Run(model, Offers, Needs, Judgments, json: false, Redirected(output), TextWriter.Null, errors);

        Assert.Equal(0, exit);
        Assert.Equal("", errors.ToString());
        // The caption wraps at the table's width.
        Assert.Contains("2 judged needs with a relevant offer (all of them: no split)", Regex.Replace(output.ToString(), @"\s+", " "));
        Assert.DoesNotContain("held-out", output.ToString());
    }

    [Fact]
    public void Evaluate_refuses_a_file_that_is_not_a_zip_in_one_line_with_one_final_period()
    {
        var errors = new StringWriter();
        var notZip = Path.Combine(_folder, "model.zip");
        File.WriteAllText(notZip, "not a zip");

        var exit = EvaluateCommand.Run(notZip, Offers, Needs, Judgments, json: false, Redirected(new StringWriter()), TextWriter.Null, errors);

        Assert.Equal(1, exit);
        var line = Assert.Single(errors.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("error: not a model file: ", line);
        Assert.False(line.EndsWith("..", StringComparison.Ordinal), line);
    }

    [Fact]
    public void Export_feedback_summary_counts_in_the_singular_and_plural_and_names_only_what_was_skipped()
    {
        var (lines, skipped) = ExportFeedbackCommand.Summary(new ExportSummary(1, 7, 7, 1, 1, 2, WithdrawnNeeds: 0, WithdrawnOffers: 1, SkippedJudgments: 1), "out");
        var (many, _) = ExportFeedbackCommand.Summary(new ExportSummary(5, 1, 5, 3, 2, 3, WithdrawnNeeds: 2, WithdrawnOffers: 3, SkippedJudgments: 4), "out");

        Assert.Equal(["Exported 1 event (sequence 7 to 7) to out:", "1 judgment over 1 need and 2 offers.", "Skipped 1 withdrawn offer, with their 1 judgment.", "Continue later with --after 7."], lines);
        Assert.Equal("Skipped 1 withdrawn offer, with their 1 judgment.", skipped);
        Assert.Contains("Skipped 2 withdrawn needs and 3 withdrawn offers, with their 4 judgments.", many);
    }
}
