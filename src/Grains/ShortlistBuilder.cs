using Matching.Contracts;
using Matching.Ranking;
using Microsoft.Extensions.Options;

namespace Matching.Grains;

/// <summary>
/// Fans a query out to every shard of one side at once, merges their best candidates and explains them.
/// Each shard returns its own best k that pass the hard rules, so the merged top k is exact.
/// </summary>
public sealed class ShortlistBuilder(IGrainFactory grains, IOptions<MatchingOptions> options, ModelHost models)
{
    private readonly int _shardCount = options.Value.ShardCount;

    /// <summary>Items a kept list holds beyond those it serves (<see cref="MatchingOptions.KeptReserve"/>).</summary>
    public int KeptReserve { get; } = options.Value.KeptReserve;

    /// <summary>Index shards per side.</summary>
    public int ShardCount => _shardCount;

    /// <summary>The shard an item's entry lives in.</summary>
    public int ShardOf(string id) => GrainKeys.ShardOf(id, _shardCount);

    /// <summary>All shards of one side of a tenant.</summary>
    public IEnumerable<IIndexShardGrain> Shards(string tenant, Side side) =>
        Enumerable.Range(0, _shardCount).Select(n => grains.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, side, n)));

    /// <summary>The propagators of both sides of a tenant (one per index shard).</summary>
    public IEnumerable<IPropagatorGrain> Propagators(string tenant) =>
        from side in new[] { Side.Offers, Side.Needs }
        from n in Enumerable.Range(0, _shardCount)
        select grains.GetGrain<IPropagatorGrain>(GrainKeys.Shard(tenant, side, n));

    /// <summary>The best <paramref name="k"/> items of <paramref name="target"/> for a query item, with the model that scored them.</summary>
    public async Task<Shortlist> BuildAsync(string tenant, Side target, FeatureVector vector, ItemFacts facts, int k)
    {
        var modelVersion = models.Active.Version;
        return new Shortlist(modelVersion, await TopAsync(tenant, target, vector, facts, k));
    }

    /// <summary>The best <paramref name="k"/> items of <paramref name="target"/> for a query item, best first, ties by id.</summary>
    public async Task<ShortlistItem[]> TopAsync(string tenant, Side target, FeatureVector vector, ItemFacts facts, int k)
    {
        if (vector.Slots.Length == 0)
        {
            return [];
        }

        var query = new IndexQuery(vector.Slots, vector.Weights, facts, k);
        var perShard = await Task.WhenAll(Shards(tenant, target).Select(s => s.QueryAsync(query)));
        // Rank first, explain only the k kept: the shards together return up to k per shard.
        return perShard
            .SelectMany(c => c)
            .Select(c => (Candidate: c, Rank: new ShortlistItem(c.Id, KeptShortlist.Round(c.Score), c.Title, [])))
            .OrderBy(x => x.Rank, ByRank.Instance)
            .Take(k)
            .Select(x => x.Rank with { Reasons = Explain(target, vector, facts, x.Candidate.TopSharedSlots, x.Candidate.Facts) })
            .ToArray();
    }

    /// <summary>Why an item of <paramref name="target"/> fits the query item, in the query item's own words.</summary>
    public static string[] Explain(Side target, FeatureVector vector, ItemFacts facts, int[] topSharedSlots, ItemFacts other) =>
        target == Side.Offers
            ? Reasons.Explain(vector, topSharedSlots, need: facts.ToMatch(), offer: other.ToMatch())
            : Reasons.Explain(vector, topSharedSlots, need: other.ToMatch(), offer: facts.ToMatch());
}

/// <summary>Shortlist order: score descending, then id (ordinal) ascending.</summary>
public sealed class ByRank : IComparer<ShortlistItem>
{
    public static readonly ByRank Instance = new();

    public int Compare(ShortlistItem? x, ShortlistItem? y)
    {
        var byScore = y!.Score.CompareTo(x!.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(x.Id, y.Id);
    }
}
