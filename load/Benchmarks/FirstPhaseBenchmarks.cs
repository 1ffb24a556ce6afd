using BenchmarkDotNet.Attributes;
using Matching.Contracts;
using Matching.Load.Generation;
using Matching.Ranking;

namespace Matching.Load.Benchmarks;

/// <summary>
/// The first phase per query: <see cref="InvertedIndex{TPayload}.Query"/> over one index of generated offers, asked
/// for the ranker's pool (20), for generated needs in turn (the default common-term bound). One index, not the
/// silo's 8 shards: the library's cost; <c>load -- adhoc</c> measures the silo's fan-out.
/// </summary>
[MemoryDiagnoser]
public class FirstPhaseBenchmarks
{
    private const int Queries = 500;
    private InvertedIndex<int> _index = null!;
    private (int[] Slots, float[] Weights)[] _queries = [];
    private int _next;

    [Params(100_000, 1_000_000)]
    public int Offers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var featurizer = DefaultFeaturizer.Model;
        var generator = new CorpusGenerator(seed: 1, Offers, Queries);
        var index = new FirstPhaseIndex<int>([.. generator.Offers().AsParallel().AsOrdered()
            .Select(o => (o.Id, featurizer.Profile(new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords)), 0))]);
        _index = index.Index;
        _queries = [.. generator.Needs()
            .Select(n => featurizer.NeedProfile(new ItemText(n.Data.Title, n.Data.Description, n.Data.Keywords)))
            .Select(p => (p.Slots, Bm25.NeedWeights(p.Slots, p.Frequencies, index.Statistics)))];
    }

    /// <summary>One query, the next of 500 generated needs each call.</summary>
    [Benchmark]
    public int Query()
    {
        var query = _queries[_next++ % _queries.Length];
        return _index.Query(query.Slots, query.Weights, _ => true, KeptShortlist.Capacity).Count;
    }
}
