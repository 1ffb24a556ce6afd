using System.CommandLine;
using System.Text.Json;
using Matching.Cli.Training;
using Matching.Grains;
using Matching.Load.Lucene;
using Matching.Ranking;

namespace Matching.Load.Quality;

/// <summary>
/// <c>quality</c>: retrieval quality on a real judged collection (training-file format), Lucene.Net BM25,
/// Matching's first phase and its full ranking side by side in one run, with each engine's time per query.
/// </summary>
public static class QualityCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with offers.jsonl, needs.jsonl and judgments.jsonl", Required = true };
        var split = new Option<int?>("--split") { Description = "Seed: split the judged needs in two halves by need and evaluate on the test half only" };
        var writeTrain = new Option<DirectoryInfo?>("--write-train") { Description = "With --split: write the train half (every offer, the train needs, their judgments) to this folder, for the train command" };
        var model = new Option<FileInfo?>("--model") { Description = "A model file (written by train) to rank the full-ranking row with, instead of the bundled default" };
        var depth = new Option<int>("--depth") { Description = "Offers each engine retrieves per query (the pool)", DefaultValueFactory = _ => RankerTraining.PoolDepth };
        var json = new Option<bool>("--json") { Description = "Also print every number as one JSON line (the last line of stdout)" };
        var command = new Command("quality", "Lucene.Net BM25, Matching's first phase and its full ranking on a judged collection: NDCG@3, NDCG@10, P@3, MRR@10 and time per query.")
        {
            data, split, writeTrain, model, depth, json,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data)!;
            var seed = parse.GetValue(split);
            var trainOut = parse.GetValue(writeTrain);
            var modelFile = parse.GetValue(model);
            var d = parse.GetValue(depth);
            if (d < 10)
            {
                Console.Error.WriteLine("--depth must be at least 10 (NDCG@10 and MRR@10 read the first 10)");
                return 2;
            }

            if (trainOut is not null && seed is null)
            {
                Console.Error.WriteLine("--write-train needs --split");
                return 2;
            }

            JudgedCollection collection;
            Ranker ranker;
            try
            {
                ranker = modelFile is null ? ModelHost.Default : Ranker.Load(File.ReadAllBytes(modelFile.FullName), DefaultFeaturizer.Version);
                collection = JudgedCollection.Read(folder.FullName, Console.Error);
            }
            catch (Exception e) when (e is TrainingDataException or InvalidModelException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            using var owned = collection;
            var queries = collection.JudgedNeeds;
            var half = "all judged needs";
            if (seed is { } s)
            {
                var (train, test) = collection.Split(s);
                queries = test;
                half = $"the test half of --split {s} ({test.Count} of {collection.JudgedNeeds.Count} judged needs; the other {train.Count} are the train half)";
                if (trainOut is not null)
                {
                    collection.Write(trainOut.FullName, train);
                    Console.Error.WriteLine($"wrote the train half ({collection.Files.Offers.Count:N0} offers, {train.Count} needs and their judgments) to {trainOut.FullName}");
                }
            }

            if (queries.Count == 0)
            {
                Console.Error.WriteLine("no judged needs to query");
                return 2;
            }

            var corpus = collection.Corpus(queries);
            var comparison = new LuceneComparison(corpus, Console.Error, ranker, d);
            var results = comparison.Run();
            var modelName = modelFile is null ? $"bundled default ({ranker.Version})" : $"{modelFile.Name} ({ranker.Version})";

            Console.WriteLine($"{folder.FullName}: {corpus.Offers.Length:N0} offers; queries: {half}, {corpus.Queries.Length:N0}, {results[0].Quality.Needs:N0} with a relevant offer");
            Console.WriteLine($"Lucene analyzer: {comparison.LuceneAnalyzer} (CJK ideographs are {comparison.CjkShare:P1} of the offers' letters); ranker: {modelName}; pool depth {d}; one thread, one warm-up pass each");
            Console.WriteLine($"{"engine",-22} {"index s",8} {"featurize s",12} {"p50 us",8} {"p99 us",8} {"ndcg@3",7} {"ndcg@10",8} {"p@3",6} {"mrr@10",7} {"relevant in pool",17}");
            foreach (var r in results)
            {
                var featurize = r.FeaturizeSeconds is { } f ? f.ToString("F1") : "-";
                Console.WriteLine($"{r.Engine,-22} {r.BuildSeconds,8:F1} {featurize,12} {r.Latency.P50Us,8:N0} {r.Latency.P99Us,8:N0} " +
                    $"{r.Quality.Ndcg3,7:F4} {r.Quality.Ndcg10,8:F4} {r.Quality.P3,6:F4} {r.Quality.Mrr10,7:F4} {r.RelevantInPool,17:P1}");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    collection = folder.FullName,
                    offers = corpus.Offers.Length,
                    queries = corpus.Queries.Length,
                    needsScored = results[0].Quality.Needs,
                    split = seed,
                    half = seed is null ? "all" : "test",
                    depth = d,
                    analyzer = comparison.LuceneAnalyzer,
                    cjkShare = Math.Round(comparison.CjkShare, 4),
                    model = ranker.Version,
                    needs = seed is null ? null : corpus.Queries.Select(q => q.Id), // the test half, to check a split elsewhere
                    engines = results.Select(r => new
                    {
                        engine = r.Engine,
                        buildSeconds = Math.Round(r.BuildSeconds, 2),
                        featurizeSeconds = r.FeaturizeSeconds is { } f ? Math.Round(f, 2) : (double?)null,
                        latencyUs = r.Latency,
                        quality = r.Quality.ToDictionary(),
                        relevantInPool = Math.Round(r.RelevantInPool, 4),
                    }),
                }, Json));
            }

            return 0;
        });
        return command;
    }
}
