using System.CommandLine;
using System.Text.Json;
using Matching.Grains;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary><c>lucene</c>: Matching side by side with Lucene.Net 4.8 (BM25) on the same generated corpus and queries.</summary>
public static class LuceneCommand
{
    /// <summary>Needs each engine answers before it is timed.</summary>
    public const int WarmUp = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "Offers to generate and index", Required = true };
        var queries = new Option<int>("--queries") { Description = "Judged needs to query (at most ceil(offers / 10))", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Also print every number as one JSON line (the last line of stdout)" };
        var command = new Command("lucene", "Lucene.Net BM25, Matching's first phase and its full ranking on the same corpus and queries: speed and NDCG@3.")
        {
            offers, queries, seed, json,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(offers), q = parse.GetValue(queries), s = parse.GetValue(seed);
            if (n < 1 || q < 1)
            {
                Console.Error.WriteLine("--offers and --queries must be positive");
                return 2;
            }

            Console.Error.WriteLine($"generating {n:N0} offers and the needs (seed {s})");
            var corpus = ComparisonCorpus.Generate(s, n, q, WarmUp);
            if (corpus.Queries.Length < q)
            {
                Console.Error.WriteLine($"only {corpus.Queries.Length:N0} needs are judged at {n:N0} offers: querying those");
            }

            var comparison = new LuceneComparison(corpus, Console.Error, ModelHost.Default);
            var results = comparison.Run();
            Print(corpus, s, comparison, results);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    offers = n,
                    queries = corpus.Queries.Length,
                    needsScored = results[0].Quality.Needs,
                    warmUp = WarmUp,
                    seed = s,
                    depth = RankerTraining.PoolDepth,
                    analyzer = comparison.LuceneAnalyzer,
                    cjkShare = Math.Round(comparison.CjkShare, 4),
                    engines = results.Select(r => new
                    {
                        engine = r.Engine,
                        buildSeconds = Math.Round(r.BuildSeconds, 2),
                        featurizeSeconds = r.FeaturizeSeconds is { } f ? Math.Round(f, 2) : (double?)null,
                        latencyUs = r.Latency,
                        queriesPerSecond = Math.Round(r.QueriesPerSecond, 1),
                        quality = r.Quality.ToDictionary(),
                        relevantInPool = Math.Round(r.RelevantInPool, 4),
                    }),
                }, Json));
            }

            return 0;
        });
        return command;
    }

    private static void Print(ComparisonCorpus corpus, int seed, LuceneComparison comparison, List<EngineResult> results)
    {
        Console.WriteLine($"{corpus.Offers.Length:N0} offers, {corpus.Queries.Length:N0} queries (the first judged needs; {results[0].Quality.Needs:N0} have a relevant offer), " +
            $"{WarmUp} warm-up queries, seed {seed}, top {RankerTraining.PoolDepth}, one thread");
        Console.WriteLine($"Lucene analyzer: {comparison.LuceneAnalyzer} (CJK ideographs are {comparison.CjkShare:P1} of the offers' letters)");
        Console.WriteLine($"{"engine",-22} {"index s",8} {"featurize s",12} {"p50 us",8} {"p99 us",8} {"queries/s",10} {"ndcg@3",7} {"ndcg@10",8} {"mrr@10",7} {"p@3",6} {"relevant in top 20",19}");
        foreach (var r in results)
        {
            var featurize = r.FeaturizeSeconds is { } f ? f.ToString("F1") : "-";
            Console.WriteLine($"{r.Engine,-22} {r.BuildSeconds,8:F1} {featurize,12} {r.Latency.P50Us,8:N0} {r.Latency.P99Us,8:N0} {r.QueriesPerSecond,10:N0} " +
                $"{r.Quality.Ndcg3,7:F4} {r.Quality.Ndcg10,8:F4} {r.Quality.Mrr10,7:F4} {r.Quality.P3,6:F4} {r.RelevantInPool,19:P1}");
        }

        Console.WriteLine("index s: Lucene's is analysis, indexing and the merge to one segment; Matching's is the index over vectors already featurized (featurize s).");
    }
}
