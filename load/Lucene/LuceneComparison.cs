using System.Diagnostics;
using Matching.Contracts;
using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary>
/// Lucene.Net's BM25, Matching's first phase and Matching's full ranking over the same offers and the same needs,
/// in this process, one thread, one engine after the other. Each engine first answers the corpus's warm-up needs
/// untimed, then every query once, timed; quality is <see cref="RankerTraining.Evaluate"/>'s over each engine's
/// top <c>depth</c>. The Lucene analyzer fits the offers' text: SmartChineseAnalyzer when more than
/// <see cref="ChineseShare"/> of their letters are CJK ideographs, EnglishAnalyzer otherwise.
/// </summary>
public sealed class LuceneComparison
{
    /// <summary>The share of CJK ideographs among the offers' letters above which a collection is Chinese.</summary>
    public const double ChineseShare = 0.2;

    private readonly ComparisonCorpus _corpus;
    private readonly TextWriter _progress;
    private readonly Ranker _ranker;
    private readonly int _depth;

    /// <param name="corpus">Offers, queries, warm-up needs and grades.</param>
    /// <param name="progress">Where progress lines go (stderr).</param>
    /// <param name="ranker">The ranker of the full-ranking row (the bundled default, or a trained model).</param>
    /// <param name="depth">Offers each engine retrieves per query: the pool the metrics and the recall read.</param>
    public LuceneComparison(ComparisonCorpus corpus, TextWriter progress, Ranker ranker, int depth = RankerTraining.PoolDepth)
    {
        _corpus = corpus;
        _progress = progress;
        _ranker = ranker;
        _depth = depth;
        CjkShare = corpus.CjkShare();
    }

    /// <summary>The share of CJK ideographs among the offers' letters.</summary>
    public double CjkShare { get; }

    /// <summary>Whether Lucene analyzes the collection as Chinese (SmartChineseAnalyzer) rather than English.</summary>
    public bool Chinese => CjkShare > ChineseShare;

    /// <summary>The Lucene analyzer's name, once <see cref="Run"/> has built its index.</summary>
    public string LuceneAnalyzer { get; private set; } = "";

    public List<EngineResult> Run() => [RunLucene(), .. RunMatching(_corpus, _ranker, _depth, _progress)];

    private EngineResult RunLucene()
    {
        using var index = new LuceneIndex(Chinese);
        LuceneAnalyzer = index.AnalyzerName;
        _progress.WriteLine($"lucene: indexing {_corpus.Offers.Length:N0} offers with {LuceneAnalyzer} (CJK share of letters {CjkShare:P1})");
        var build = Stopwatch.StartNew();
        index.Build(_corpus.Offers);
        build.Stop();
        _progress.WriteLine($"lucene: indexed in {build.Elapsed.TotalSeconds:F1} s, {index.Bytes / 1048576.0:F0} MiB; querying");

        var pools = Timed(_corpus, need => index.Search(need, _depth), out var latency, out var qps);
        var groups = _corpus.Queries.Select((need, q) => Group(_corpus, q, pools[q].Select(h => (_corpus.Offers[h.Offer].Id, new[] { h.Score })))).ToList();
        return new EngineResult("Lucene.Net BM25", build.Elapsed.TotalSeconds, null, latency, qps, RankerTraining.Evaluate(groups, f => f[0]), Recall(groups));
    }

    /// <summary>
    /// Matching's two rows: builds the first phase over the corpus's offers (<see cref="DefaultFeaturizer"/>'s
    /// profiles, BM25 under the statistics of these offers, as a silo's shards have them once refreshed), answers
    /// every query with it alone ("first phase", ordered by its score), then again with the pair features of the
    /// pool ordered by <paramref name="ranker"/> ("full ranking").
    /// </summary>
    private static List<EngineResult> RunMatching(ComparisonCorpus corpus, Ranker ranker, int depth, TextWriter progress)
    {
        // The featurizer loads once per process (jieba's dictionary, the ML.NET pipeline); a server has it before any item.
        var model = DefaultFeaturizer.Model;

        progress.WriteLine($"matching: featurizing {corpus.Offers.Length:N0} offers");
        var featurize = Stopwatch.StartNew();
        var profiles = corpus.Offers.Select(o => model.Profile(o.Text)).ToArray();
        var sides = corpus.Offers.Select((o, i) => new PairSide(profiles[i], o.Facts)).ToArray();
        featurize.Stop();
        var build = Stopwatch.StartNew();
        var index = new FirstPhaseIndex<int>([.. corpus.Offers.Select((o, i) => (o.Id, profiles[i], i))]);
        build.Stop();
        progress.WriteLine($"matching: featurized in {featurize.Elapsed.TotalSeconds:F1} s, indexed in {build.Elapsed.TotalSeconds:F1} s " +
            $"({index.Statistics.Terms:N0} terms, mean length {index.Statistics.AverageLength:F1}); querying");

        List<Hit<int>> Retrieve(TextProfile profile, ItemFacts need) =>
            index.Query(profile, o => HardRules.Allows(need, sides[o].Facts), depth);

        var firstPools = Timed(corpus, need => Retrieve(model.NeedProfile(need.Text), need.Facts), out var firstLatency, out var firstQps);

        // The full ranking: the first phase, then the pair features of the pool and the ranker's order, exactly
        // what the training code evaluates (RankerTraining.BuildPairs, then ranker.Raw).
        var ranked = Timed(corpus, need =>
        {
            var profile = model.NeedProfile(need.Text);
            var side = new PairSide(profile, need.Facts);
            return Retrieve(profile, need.Facts)
                .Select(h => (h.Id, Features: PairFeatures.Compute(side, sides[h.Payload], h.Score, model, index.Statistics)))
                .Select(x => (x.Id, x.Features, Score: ranker.Raw(x.Features)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .ToArray();
        }, out var fullLatency, out var fullQps);

        // Both loops retrieved with the same profile, so the same pools; say so if not.
        var differ = firstPools.Zip(ranked).Count(x => !x.First.Select(h => h.Id).Order(StringComparer.Ordinal).SequenceEqual(x.Second.Select(r => r.Id).Order(StringComparer.Ordinal)));
        if (differ > 0)
        {
            progress.WriteLine($"matching: warning: {differ} queries retrieved different pools in the two loops");
        }

        var groups = corpus.Queries.Select((_, q) => Group(corpus, q, ranked[q].Select(r => (r.Id, r.Features)))).ToList();
        var recall = Recall(groups);
        return
        [
            new EngineResult("Matching first phase", build.Elapsed.TotalSeconds, featurize.Elapsed.TotalSeconds, firstLatency, firstQps,
                RankerTraining.Evaluate(groups, RankerTraining.Similarity), recall),
            new EngineResult("Matching full ranking", build.Elapsed.TotalSeconds, featurize.Elapsed.TotalSeconds, fullLatency, fullQps,
                RankerTraining.Evaluate(groups, f => ranker.Raw(f)), recall),
        ];
    }

    /// <summary>Answers the warm-up needs untimed, then every query once on this thread, timing each.</summary>
    private static T[] Timed<T>(ComparisonCorpus corpus, Func<TrainingItem, T> query, out LatencySummary latency, out double queriesPerSecond)
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
    private static PairGroup Group(ComparisonCorpus corpus, int q, IEnumerable<(string Id, float[] Features)> pool) =>
        new(corpus.Queries[q].Id, [.. pool.Select(x => new PairRow(x.Id, x.Features, corpus.Grades[q].GetValueOrDefault(x.Id)))], [.. corpus.Grades[q].Values]);

    /// <summary>The share of the judged relevant offers (grade 3 or more) that the pools hold: what no reordering can add.</summary>
    private static double Recall(List<PairGroup> groups)
    {
        var judged = groups.Sum(g => g.JudgedGrades.Count(x => x >= RankerTraining.RelevantGrade));
        var found = groups.Sum(g => g.Rows.Count(r => r.Grade >= RankerTraining.RelevantGrade));
        return judged == 0 ? 0 : (double)found / judged;
    }
}
