using Matching.Ranking;
using Spectre.Console;

namespace Matching.Cli.Training;

/// <summary>
/// Data scientists: scores a model file on judged data, offline, beside text similarity alone. Every judged need
/// counts (no split): evaluate on data the model was not trained on.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model file (a zip written by train)", Required = true };
        var offers = new Option<string>("--offers") { Description = "offers.jsonl", Required = true };
        var needs = new Option<string>("--needs") { Description = "needs.jsonl", Required = true };
        var judgments = new Option<string>("--judgments") { Description = "judgments.jsonl", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var command = new Command("evaluate", "Measure a model's ndcg@3, ndcg@10, p@3 and mrr@10 on judged data") { model, offers, needs, judgments, json };
        command.SetAction(parse => Run(
            parse.GetValue(model)!, parse.GetValue(offers)!, parse.GetValue(needs)!, parse.GetValue(judgments)!, parse.GetValue(json),
            AnsiConsole.Console, Console.Out, Console.Error));
        return command;
    }

    /// <summary>What the table's caption counts: every judged need with a relevant offer, since evaluate does no split.</summary>
    public const string CountedNeeds = "judged needs with a relevant offer (all of them: no split)";

    /// <summary>
    /// Evaluates and prints the table on <paramref name="console"/>, or one JSON object on <paramref name="output"/> when
    /// <paramref name="json"/>; returns the exit code: 0, or 1 with one line on <paramref name="errors"/>.
    /// </summary>
    public static int Run(string model, string offers, string needs, string judgments, bool json, IAnsiConsole console, TextWriter output, TextWriter errors)
    {
        try
        {
            var (ranker, learned, baseline) = Evaluate(model, offers, needs, judgments);
            if (json)
            {
                var result = new Dictionary<string, object>(learned.ToDictionary().Select(x => KeyValuePair.Create(x.Key, (object)x.Value)))
                {
                    ["model"] = ranker.Version,
                    ["needs"] = learned.Needs,
                    ["baseline"] = baseline.ToDictionary(),
                };
                output.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                TrainCommand.Print(console, ranker, learned, baseline, CountedNeeds);
            }

            return 0;
        }
        catch (Exception e) when (e is TrainingDataException or InvalidModelException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    public static (Ranker Model, RankingMetrics Learned, RankingMetrics Baseline) Evaluate(string modelPath, string offers, string needs, string judgments)
    {
        var ranker = Ranker.Load(File.ReadAllBytes(modelPath), DefaultFeaturizer.Version);
        var files = TrainingFiles.Read(offers, needs, judgments);
        var groups = RankerTraining.BuildPairs(DefaultFeaturizer.Model, files.Offers, files.Needs, files.Judgments);
        return (ranker, RankerTraining.Evaluate(groups, f => ranker.Raw(f)), RankerTraining.Evaluate(groups, RankerTraining.Similarity));
    }
}
