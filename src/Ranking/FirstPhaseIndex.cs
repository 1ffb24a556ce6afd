namespace Matching.Ranking;

/// <summary>
/// The first phase over a fixed set of offers in one process, as the index shards compute it: each offer weighed by
/// <see cref="Bm25"/> under the statistics of these offers, a need's query weighed under the same. What training,
/// evaluation and the benchmarks search; the silo's shards do the same with the tenant's statistics snapshot.
/// </summary>
public sealed class FirstPhaseIndex<TPayload>
{
    /// <summary>Counts the offers, takes their statistics (version 1) and indexes them.</summary>
    public FirstPhaseIndex(IReadOnlyList<(string Id, TextProfile Profile, TPayload Payload)> offers)
    {
        var counts = new CorpusStatistics();
        foreach (var (_, profile, _) in offers)
        {
            counts.Add(profile.Slots, profile.Length);
        }

        Statistics = counts.Snapshot(1);
        foreach (var (id, profile, payload) in offers)
        {
            Index.Upsert(id, profile.Slots, Bm25.OfferWeights(profile.Frequencies, profile.Length, Statistics), payload);
        }
    }

    /// <summary>The offers' statistics.</summary>
    public TermStatistics Statistics { get; }

    /// <summary>The index of the offers' BM25 weights.</summary>
    public InvertedIndex<TPayload> Index { get; } = new();

    /// <summary>The best <paramref name="count"/> offers for a need that <paramref name="allow"/> accepts, best first.</summary>
    public List<Hit<TPayload>> Query(TextProfile need, Func<TPayload, bool> allow, int count) =>
        Index.Query(need.Slots, Bm25.NeedWeights(need.Slots, need.Frequencies, Statistics), allow, count);
}
