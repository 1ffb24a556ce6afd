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

    /// <summary>Index shards per side.</summary>
    public int ShardCount => _shardCount;

    /// <summary>The shard an item's entry lives in.</summary>
    public int ShardOf(string id) => GrainKeys.ShardOf(id, _shardCount);

    /// <summary>All shards of one side of a tenant.</summary>
    public IEnumerable<IIndexShardGrain> Shards(string tenant, Side side) =>
        Enumerable.Range(0, _shardCount).Select(n => grains.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, side, n)));

    /// <summary>The best <paramref name="k"/> items of <paramref name="target"/> for a query item.</summary>
    public async Task<Shortlist> BuildAsync(string tenant, Side target, FeatureVector vector, ItemFacts facts, int k)
    {
        var modelVersion = models.Active.Version;
        if (vector.Slots.Length == 0)
        {
            return new Shortlist(modelVersion, []);
        }

        var query = new IndexQuery(vector.Slots, vector.Weights, facts, k);
        var perShard = await Task.WhenAll(Shards(tenant, target).Select(s => s.QueryAsync(query)));
        var queryFacts = facts.ToMatch();
        var items = perShard
            .SelectMany(c => c)
            .Select(c => (Candidate: c, Score: Math.Round(c.Score, 6)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Candidate.Id, StringComparer.Ordinal)
            .Take(k)
            .Select(x =>
            {
                var other = x.Candidate.Facts.ToMatch();
                var reasons = target == Side.Offers
                    ? Reasons.Explain(vector, x.Candidate.TopSharedSlots, need: queryFacts, offer: other)
                    : Reasons.Explain(vector, x.Candidate.TopSharedSlots, need: other, offer: queryFacts);
                return new ShortlistItem(x.Candidate.Id, Math.Clamp(x.Score, 0, 1), x.Candidate.Title, reasons);
            })
            .ToArray();
        return new Shortlist(modelVersion, items);
    }
}
