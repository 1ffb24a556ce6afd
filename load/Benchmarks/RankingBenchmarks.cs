using BenchmarkDotNet.Attributes;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Generation;
using Matching.Ranking;

namespace Matching.Load.Benchmarks;

/// <summary>
/// The second phase's hot paths, per pair: computing the pair features (done in the shards for each candidate)
/// and scoring them with the bundled ML.NET ranker. Pairs are a generated need's first-phase pool over generated
/// offers, fixed by seed; each benchmark walks the same 20 pairs, so results are per 20 candidates.
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private const int Pool = 20;
    private PairSide[] _needs = [];
    private PairSide[] _offers = [];
    private float[] _cosines = [];
    private float[][] _features = [];
    private TextModel _featurizer = null!;
    private TermStatistics _statistics = TermStatistics.Empty;
    private Ranker _ranker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _featurizer = DefaultFeaturizer.Model;
        _ranker = ModelHost.Default;
        var generator = new CorpusGenerator(seed: 1, offers: 2_000, needs: 200);
        var index = new InvertedIndex<PairSide>();
        var counts = new CorpusStatistics();
        foreach (var offer in generator.Offers())
        {
            var side = new PairSide(_featurizer.Profile(new ItemText(offer.Data.Title, offer.Data.Description, offer.Data.Keywords)), ItemFacts.Of(offer.Data));
            index.Upsert(offer.Id, side.Text.Slots, Array.ConvertAll(side.Text.Weights, w => (float)w), side);
            counts.Add(side.Text.Slots, side.Text.Length);
        }

        _statistics = counts.Snapshot(1);

        var needs = new List<PairSide>();
        var offers = new List<PairSide>();
        var cosines = new List<float>();
        foreach (var need in generator.Needs())
        {
            var side = new PairSide(_featurizer.NeedProfile(new ItemText(need.Data.Title, need.Data.Description, need.Data.Keywords)), ItemFacts.Of(need.Data));
            foreach (var hit in index.Query(side.Text.Slots, Array.ConvertAll(side.Text.Weights, w => (float)w), _ => true, Pool))
            {
                needs.Add(side);
                offers.Add(hit.Payload);
                cosines.Add(hit.Score);
            }

            if (needs.Count >= Pool)
            {
                break;
            }
        }

        _needs = [.. needs.Take(Pool)];
        _offers = [.. offers.Take(Pool)];
        _cosines = [.. cosines.Take(Pool)];
        _features = [.. Enumerable.Range(0, Pool).Select(i => PairFeatures.Compute(_needs[i], _offers[i], _cosines[i], _featurizer, _statistics))];
    }

    /// <summary>Pair features for 20 candidates (divide by 20 for one pair).</summary>
    [Benchmark(OperationsPerInvoke = Pool)]
    public float Features()
    {
        float sum = 0;
        for (var i = 0; i < Pool; i++)
        {
            sum += PairFeatures.Compute(_needs[i], _offers[i], _cosines[i], _featurizer, _statistics)[5];
        }

        return sum;
    }

    /// <summary>The ranker's score for 20 candidates, from their features (the second phase per candidate).</summary>
    [Benchmark(OperationsPerInvoke = Pool)]
    public double Score()
    {
        double sum = 0;
        for (var i = 0; i < Pool; i++)
        {
            sum += _ranker.Score(_features[i]);
        }

        return sum;
    }
}
