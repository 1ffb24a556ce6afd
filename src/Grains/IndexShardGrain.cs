using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>
/// One shard of one side's inverted index, keyed <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>.
/// Kept alive: its index lives in memory, and collecting it would drop the index. (Rebuilding from
/// per-item entries in storage after a silo loss comes with the cluster work.)
/// </summary>
[KeepAlive]
public sealed class IndexShardGrain : Grain, IIndexShardGrain
{
    private readonly InvertedIndex<Payload> _index = new();
    private Side _side;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _side = GrainKeys.ParseShard(this.GetPrimaryKeyString()).Side;
        return Task.CompletedTask;
    }

    public Task UpsertAsync(IndexEntry entry)
    {
        _index.Upsert(entry.Id, entry.Slots, entry.Weights, new Payload(entry.Title, entry.Facts, entry.Facts.ToMatch()));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string id)
    {
        _index.Remove(id);
        return Task.CompletedTask;
    }

    public Task<Candidate[]> QueryAsync(IndexQuery query)
    {
        var queryFacts = query.Facts.ToMatch();
        Func<Payload, bool> allow = _side == Side.Offers
            ? p => HardRules.Allows(need: queryFacts, offer: p.Match)
            : p => HardRules.Allows(need: p.Match, offer: queryFacts);
        var hits = _index.Query(query.Slots, query.Weights, allow, query.Count);
        return Task.FromResult(hits.Select(h => new Candidate(h.Id, h.Payload.Title, h.Score, h.TopSharedSlots, h.Payload.Facts)).ToArray());
    }

    public Task<ShardStats> GetStatsAsync() => Task.FromResult(new ShardStats(_index.Count, _index.Postings));

    private sealed record Payload(string Title, ItemFacts Facts, MatchFacts Match);
}
