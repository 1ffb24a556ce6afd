using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>
/// One shard of one side's inverted index, keyed <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>, with
/// the marks of its items' kept shortlists (floor, held ids), so that a change on the other side finds the lists
/// it affects with one call per shard. Kept alive: its index lives in memory. In cluster mode each entry is also
/// written to <see cref="IIndexEntryStore"/> (Redis) before it is indexed, so that a shard activated again (after
/// the loss of its silo, or a restart) rebuilds its index from them; its items' lists are then computed again by a
/// sweep, like those of a bulk import.
/// </summary>
[KeepAlive]
public sealed class IndexShardGrain(ModelHost models, IIndexEntryStore entries) : Grain, IIndexShardGrain
{
    private readonly InvertedIndex<Payload> _index = new();
    private readonly Dictionary<string, KeptMark> _marks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdSet> _holders = new(StringComparer.Ordinal); // other side's id -> own ids whose lists hold it
    private readonly HashSet<string> _unsettled = new(StringComparer.Ordinal);
    private Side _side;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _side = GrainKeys.ParseShard(this.GetPrimaryKeyString()).Side;
        // Nothing is known of the rebuilt items' lists: they are deferred (nothing proposed to them) until the
        // sweep queued below computes them from the complete index, as after a bulk import.
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        await foreach (var entry in entries.LoadAsync(this.GetPrimaryKeyString()).WithCancellation(cancellationToken))
        {
            Index(entry, KeptMark.Deferred(stamp));
        }

        if (_index.Count > 0)
        {
            await GrainFactory.GetGrain<IPropagatorGrain>(this.GetPrimaryKeyString()).SweepAsync(all: false);
        }
    }

    public async Task UpsertAsync(IndexEntry entry, KeptMark mark)
    {
        await entries.SaveAsync(this.GetPrimaryKeyString(), entry); // durable before it is searchable
        Index(entry, mark);
    }

    public Task<long?> VersionOfAsync(string id) =>
        Task.FromResult(_index.TryGet(id, out _, out _, out var payload) ? payload.Version : (long?)null);

    private void Index(IndexEntry entry, KeptMark mark)
    {
        _index.Upsert(entry.Id, entry.Slots, entry.Weights,
            new Payload(entry.Id, entry.Title, entry.Facts, entry.Facts.ToMatch(), entry.Version, entry.Facets, Facts.Side(entry.Slots, entry.Weights, entry.Facets, entry.Facts)));
        SetMark(entry.Id, mark);
    }

    public async Task RemoveAsync(string id)
    {
        await entries.DeleteAsync(this.GetPrimaryKeyString(), id);
        _index.Remove(id);
        SetMark(id, null);
    }

    public Task<IndexEntry?> GetEntryAsync(string id) =>
        Task.FromResult(_index.TryGet(id, out var slots, out var weights, out var payload)
            ? new IndexEntry(id, payload.Title, slots, weights, payload.Facts, payload.Version, payload.Facets)
            : null);

    public Task MarkAsync(string id, KeptMark mark)
    {
        // A withdrawn item has no list to mark; a settled mark older than the shard's arrived late.
        if (_index.TryGet(id, out _, out _, out _) && (!mark.Settled || !_marks.TryGetValue(id, out var current) || mark.Stamp >= current.Stamp))
        {
            SetMark(id, mark);
        }

        return Task.CompletedTask;
    }

    public async Task MarkManyAsync((string Id, KeptMark Mark)[] marks)
    {
        foreach (var (id, mark) in marks)
        {
            await MarkAsync(id, mark);
        }
    }

    public Task<Candidate[]> QueryAsync(IndexQuery query)
    {
        var queryFacts = query.Facts.ToMatch();
        var querySide = Facts.Side(query.Slots, query.Weights, query.Facets, query.Facts);
        var hits = _index.Query(query.Slots, query.Weights, p => Allows(p.Match, queryFacts), query.Count);
        // The pair features are computed here, where the candidates' facets are, for this shard's best only.
        return Task.FromResult(hits.Select(h =>
            new Candidate(h.Id, h.Payload.Title, h.Score, h.TopSharedSlots, h.Payload.Facts, Features(h.Payload.Side, querySide, h.Score))).ToArray());
    }

    public Task<(string OwnerId, Proposal Proposal)[]> AffectedByAsync(string id, IndexEntry? entry)
    {
        var affected = new Dictionary<string, Proposal>(StringComparer.Ordinal);
        _holders.TryGetValue(id, out var holders);
        if (entry is not null)
        {
            var facts = entry.Facts.ToMatch();
            var side = Facts.Side(entry.Slots, entry.Weights, entry.Facets, entry.Facts);
            // A list takes the item if its score reaches the list's floor (any score while the list is not full or
            // is being computed), and a list that holds it takes its new score whatever it is. Lists that refuse the
            // item by a hard rule are not reached here; those among them that hold it or are being computed are
            // told to drop it below.
            var hits = _index.Reach(entry.Slots, entry.Weights, p => Allows(p.Match, facts));
            foreach (var hit in hits)
            {
                Propose(hit);
            }

            foreach (var holder in (IEnumerable<string>?)holders ?? [])
            {
                if (!affected.ContainsKey(holder) && _index.TryScore(holder, entry.Slots, entry.Weights, out var hit) && Allows(hit.Payload.Match, facts))
                {
                    Propose(hit); // below the list's floor now, so not among Reach's hits
                }
            }

            void Propose(Hit<Payload> hit)
            {
                var score = KeptShortlist.Round(hit.Score);
                if (score > 0 && (score >= FloorOf(hit.Id) || holders?.Contains(hit.Id) == true || _unsettled.Contains(hit.Id)))
                {
                    affected[hit.Id] = new Proposal(id, entry.Title, score, hit.TopSharedSlots, entry.Facts, hit.Payload.Version, Features(hit.Payload.Side, side, hit.Score));
                }
            }
        }

        // Lists that hold the item but no longer share a term with it (or it was withdrawn) must drop it; lists
        // being computed may have read the item as it was.
        foreach (var owner in ((IEnumerable<string>?)holders ?? []).Concat(_unsettled))
        {
            if (!affected.ContainsKey(owner) && _index.TryGet(owner, out _, out _, out var payload))
            {
                affected[owner] = new Proposal(id, entry?.Title ?? "", 0, [], entry?.Facts, payload.Version, []);
            }
        }

        return Task.FromResult(affected.Select(a => (a.Key, a.Value)).ToArray());
    }

    public Task<string[]> DeferredIdsAsync() =>
        Task.FromResult(_marks.Where(m => m.Value.IsDeferred).Select(m => m.Key).ToArray());

    public Task<string[]> SampleIdsAsync(int count, int seed)
    {
        var ids = _index.Ids().ToArray();
        if (count > 0 && count < ids.Length)
        {
            new Random(seed).Shuffle(ids);
            ids = ids[..count];
        }

        return Task.FromResult(ids);
    }

    public Task<ShardStats> GetStatsAsync() => Task.FromResult(new ShardStats(_index.Count, _index.Postings));

    /// <summary>The hard rules, with this shard's item on its own side of the pair.</summary>
    private bool Allows(in MatchFacts own, in MatchFacts other) =>
        _side == Side.Offers ? HardRules.Allows(need: other, offer: own) : HardRules.Allows(need: own, offer: other);

    /// <summary>The features of a pair of this shard's item and an item of the other side, need first.</summary>
    private float[] Features(PairSide own, PairSide other, float cosine) =>
        _side == Side.Offers ? Facts.Pair(need: other, offer: own, cosine, models.Featurizer) : Facts.Pair(need: own, offer: other, cosine, models.Featurizer);

    /// <summary>The least score that enters an item's list: any positive score unless the list is full and settled.</summary>
    private double FloorOf(string id) => _marks.TryGetValue(id, out var mark) ? FloorOf(mark) : 0;

    private static double FloorOf(KeptMark mark) => mark.Settled && mark.Full ? mark.Floor : 0;

    private void SetMark(string id, KeptMark? mark)
    {
        var old = _marks.Remove(id, out var previous) ? previous.Held : [];
        var now = mark?.Held ?? [];
        // Lists change by an item or two at a time: update the back-references by difference.
        foreach (var held in old)
        {
            if (Array.IndexOf(now, held) < 0 && _holders.TryGetValue(held, out var owners) && owners.Remove(id) && owners.Count == 0)
            {
                _holders.Remove(held);
            }
        }

        foreach (var held in now)
        {
            if (Array.IndexOf(old, held) < 0)
            {
                if (!_holders.TryGetValue(held, out var owners))
                {
                    _holders[held] = owners = new IdSet();
                }

                owners.Add(id);
            }
        }

        _unsettled.Remove(id);
        if (mark is not null)
        {
            _marks[id] = mark;
            _index.SetFloor(id, FloorOf(mark));
            if (!mark.Settled)
            {
                _unsettled.Add(id);
            }
        }
    }

    private sealed record Payload(string Id, string Title, ItemFacts Facts, MatchFacts Match, long Version, TextFacets Facets, PairSide Side);
}
