using System.Diagnostics;
using Matching.Grains;
using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary>One engine's numbers: build times in seconds, query latency, throughput and ranking quality.</summary>
public sealed record EngineResult(
    string Engine,
    double BuildSeconds,
    double? FeaturizeSeconds,
    LatencySummary Latency,
    double QueriesPerSecond,
    RankingMetrics Quality,
    double RelevantInPool);

/// <summary>
/// Lucene.Net's BM25, Matching's first phase and Matching's full ranking over the same generated offers and the
/// same needs, in this process, one thread, one engine after the other. Each engine warms up on needs that are
/// never timed nor judged, then answers every query once; NDCG is <see cref="RankerTraining.Evaluate"/>'s over
/// each engine's top <see cref="RankerTraining.PoolDepth"/>.
/// </summary>
public sealed class LuceneComparison(ComparisonCorpus corpus, TextWriter progress)
{
    private const int Depth = RankerTraining.PoolDepth;

    public List<EngineResult> Run()
    {
        return [RunLucene(), .. RunMatching()];
    }

    private EngineResult RunLucene()
    {
        progress.WriteLine($"lucene: indexing {corpus.Offers.Length:N0} offers");
        using var index = new LuceneIndex();
        var build = Stopwatch.StartNew();
        index.Build(corpus.Offers);
        build.Stop();
        progress.WriteLine($"lucene: indexed in {build.Elapsed.TotalSeconds:F1} s, {index.Bytes / 1048576.0:F0} MiB; querying");

        var pools = Timed(need => index.Search(need, Depth), out var latency, out var qps);
        var groups = corpus.Queries.Select((need, q) => Group(need, q, pools[q].Select(h => (corpus.Offers[h.Offer].Id, new[] { h.Score })))).ToList();
        return new EngineResult("Lucene.Net BM25", build.Elapsed.TotalSeconds, null, latency, qps, RankerTraining.Evaluate(groups, f => f[0]), Recall(groups));
    }

    private List<EngineResult> RunMatching()
    {
        // Both load once per process (jieba's dictionary, the ML.NET pipeline); a server has them before any item.
        var model = DefaultFeaturizer.Model;
        var ranker = ModelHost.Default;

        progress.WriteLine($"matching: featurizing {corpus.Offers.Length:N0} offers");
        var featurize = Stopwatch.StartNew();
        var sides = corpus.Offers.Select(o => PairSide.Of(model.Profile(o.Text), o.Facts)).ToArray();
        featurize.Stop();
        var build = Stopwatch.StartNew();
        var index = new InvertedIndex<int>();
        for (var i = 0; i < sides.Length; i++)
        {
            index.Upsert(corpus.Offers[i].Id, sides[i].Slots, sides[i].Weights, i);
        }

        build.Stop();
        progress.WriteLine($"matching: featurized in {featurize.Elapsed.TotalSeconds:F1} s, indexed in {build.Elapsed.TotalSeconds:F1} s; querying");

        List<Hit<int>> Retrieve(int[] slots, float[] weights, MatchFacts need) =>
            index.Query(slots, weights, o => HardRules.Allows(need, sides[o].Facts), Depth);

        // The first phase alone needs the need's vector only: Featurize is Profile's whole-text vector, without the
        // title's and keywords' own vectors that the pair features read.
        var firstPools = Timed(need =>
        {
            var v = model.Featurize(need.Text);
            return Retrieve(v.Slots, v.Weights, need.Facts);
        }, out var firstLatency, out var firstQps);

        // The full ranking: the first phase, then the pair features of the pool and the bundled ranker's order,
        // exactly what the training code evaluates (RankerTraining.BuildPairs, then ranker.Raw).
        var ranked = Timed(need =>
        {
            var side = PairSide.Of(model.Profile(need.Text), need.Facts);
            return Retrieve(side.Slots, side.Weights, need.Facts)
                .Select(h => (h.Id, Features: PairFeatures.Compute(side, sides[h.Payload], h.Score, model)))
                .Select(x => (x.Id, x.Features, Score: ranker.Raw(x.Features)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .ToArray();
        }, out var fullLatency, out var fullQps);

        // Featurize and Profile give the same vector, so both loops retrieved the same pools; say so if not.
        var differ = firstPools.Zip(ranked).Count(x => !x.First.Select(h => h.Id).Order(StringComparer.Ordinal).SequenceEqual(x.Second.Select(r => r.Id).Order(StringComparer.Ordinal)));
        if (differ > 0)
        {
            progress.WriteLine($"matching: warning: {differ} queries retrieved different pools in the two loops");
        }

        var groups = corpus.Queries.Select((need, q) => Group(need, q, ranked[q].Select(r => (r.Id, r.Features)))).ToList();
        var recall = Recall(groups);
        return
        [
            new EngineResult("Matching first phase", build.Elapsed.TotalSeconds, featurize.Elapsed.TotalSeconds, firstLatency, firstQps,
                RankerTraining.Evaluate(groups, RankerTraining.Cosine), recall),
            new EngineResult("Matching full ranking", build.Elapsed.TotalSeconds, featurize.Elapsed.TotalSeconds, fullLatency, fullQps,
                RankerTraining.Evaluate(groups, f => ranker.Raw(f)), recall),
        ];
    }

    /// <summary>Warms up on the warm-up needs, then answers every query once on this thread, timing each.</summary>
    private T[] Timed<T>(Func<ComparedItem, T> query, out LatencySummary latency, out double queriesPerSecond)
    {
        foreach (var need in corpus.WarmUp)
        {
            query(need);
        }

        var recorder = new LatencyRecorder();
        var results = new T[corpus.Queries.Length];
        var total = Stopwatch.StartNew();
        for (var q = 0; q < results.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            results[q] = query(corpus.Queries[q]);
            recorder.Record(Stopwatch.GetElapsedTime(start));
        }

        total.Stop();
        latency = recorder.Summarize();
        queriesPerSecond = results.Length / total.Elapsed.TotalSeconds;
        return results;
    }

    /// <summary>A retrieved pool as <see cref="RankerTraining.Evaluate"/> reads it: unjudged offers are grade 0, the ideal is every judged grade.</summary>
    private PairGroup Group(ComparedItem need, int q, IEnumerable<(string Id, float[] Features)> pool) =>
        new(need.Id, [.. pool.Select(x => new PairRow(x.Id, x.Features, corpus.Grades[q].GetValueOrDefault(x.Id)))], [.. corpus.Grades[q].Values]);

    /// <summary>The share of the judged relevant offers (grade 3 or more) that the pools hold: what no reordering can add.</summary>
    private static double Recall(List<PairGroup> groups)
    {
        var judged = groups.Sum(g => g.JudgedGrades.Count(x => x >= RankerTraining.RelevantGrade));
        var found = groups.Sum(g => g.Rows.Count(r => r.Grade >= RankerTraining.RelevantGrade));
        return judged == 0 ? 0 : (double)found / judged;
    }
}
