namespace Matching.Grains;

/// <summary>
/// One shard of one side's inverted index, keyed <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>, with
/// the marks of its items' kept shortlists (floor, held ids), so that a change on the other side finds the lists
/// it affects with one call per shard. Kept alive: its index lives in memory. In cluster mode each entry is also
/// written to <see cref="IIndexEntryStore"/> (Redis) before it is indexed, so that a shard activated again (after
/// the loss of its silo, or a restart) rebuilds its index from them; its items' lists are then computed again by a
/// sweep, like those of a bulk import. Items are weighed by BM25 under the tenant's statistics snapshot (an offer as
/// a document, a need as a query: <see cref="Bm25"/>), and the shard keeps exact live counts of its own items, from
/// which <see cref="IStatisticsGrain"/> takes the next snapshot once they have drifted.
/// </summary>
[KeepAlive]
public sealed class IndexShardGrain(ModelHost models, IIndexEntryStore entries, IOptions<MatchingOptions> options) : Grain, IIndexShardGrain
{
    private readonly InvertedIndex<Payload> _index = new();
    private readonly CorpusStatistics _counts = new();
    private TermStatistics _statistics = TermStatistics.Empty;
    private long _changes; // items written with other terms, or withdrawn, here since the snapshot's counts were taken
    private long _changesCounted; // _changes when the counts of the coming snapshot were taken
    private long _imported;
    private ShardStats? _statsWhileReweighing; // what GetStatsAsync answers while UseStatisticsAsync rebuilds the postings
    private long _documents; // items here when the snapshot in use counted them
    private long _documentsCounted; // items here when the counts of the coming snapshot were taken
    private bool _driftReported;
    private readonly Dictionary<string, KeptMark> _marks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdSet> _holders = new(StringComparer.Ordinal); // other side's id -> own ids whose lists hold it
    private readonly HashSet<string> _unsettled = new(StringComparer.Ordinal);
    private Side _side;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _side = GrainKeys.ParseShard(this.GetPrimaryKeyString()).Side;
        _statistics = Statistics(await Tenant().GetAsync());
        // Nothing is known of the rebuilt items' lists: they are deferred (nothing proposed to them) until the
        // sweep queued below computes them from the complete index, as after a bulk import.
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        await foreach (var entry in entries.LoadAsync(this.GetPrimaryKeyString()).WithCancellation(cancellationToken))
        {
            Index(entry with { Facts = entry.Facts.Upgraded(_side) }, KeptMark.Deferred(stamp));
        }

        _changes = 0; // what storage held was counted by the snapshot, or will be by the next
        _documents = _counts.Documents;

        if (_index.Count > 0)
        {
            await GrainFactory.GetGrain<IPropagatorGrain>(this.GetPrimaryKeyString()).SweepAsync(all: false);
        }
    }

    public async Task UpsertAsync(IndexEntry entry, KeptMark mark)
    {
        await entries.SaveAsync(this.GetPrimaryKeyString(), entry); // durable before it is searchable
        Index(entry, mark);
        _imported += mark.IsDeferred ? 1 : 0; // a deferred list: a bulk import's item, for the import's progress
        await ReportDriftAsync();
    }

    public Task<long?> VersionOfAsync(string id) =>
        Task.FromResult(_index.TryGet(id, out _, out var payload) ? payload.Version : (long?)null);

    private void Index(IndexEntry entry, KeptMark mark)
    {
        // A rewrite that keeps the item's terms and length (a TRL, a mode, a country) leaves the counts as they were: no drift.
        var known = _index.TryGet(entry.Id, out var slots, out var old);
        if (!known || old.Side.Text.Length != entry.Text.Length || !slots.AsSpan().SequenceEqual(entry.Text.Slots))
        {
            if (known)
            {
                _counts.Remove(slots, old.Side.Text.Length);
            }

            _counts.Add(entry.Text.Slots, entry.Text.Length);
            _changes++;
        }

        _index.Upsert(entry.Id, entry.Text.Slots, Weigh(_side, entry.Text), new Payload(entry.Title, entry.Version, new PairSide(entry.Text, entry.Facts)));
        SetMark(entry.Id, mark);
    }

    public async Task RemoveAsync(string id)
    {
        await entries.DeleteAsync(this.GetPrimaryKeyString(), id);
        if (Uncount(id))
        {
            _changes++;
        }

        _index.Remove(id);
        SetMark(id, null);
        await ReportDriftAsync();
    }

    public Task<IndexEntry?> GetEntryAsync(string id) =>
        Task.FromResult(_index.TryGet(id, out _, out var payload)
            ? new IndexEntry(id, payload.Title, payload.Side.Facts, payload.Version, payload.Side.Text)
            : null);

    public Task<CorpusCounts> GetCountsAsync()
    {
        _changesCounted = _changes;
        _documentsCounted = _counts.Documents;
        var (slots, frequencies) = _counts.Export();
        return Task.FromResult(new CorpusCounts(_counts.Documents, _counts.TotalLength, slots, frequencies));
    }

    public async Task UseStatisticsAsync(StatisticsSnapshot snapshot)
    {
        if (snapshot.Version > _statistics.Version)
        {
            _statistics = Statistics(snapshot);
            // Off the grain's turn (17 s a shard at 1,000,000 offers), so that GetStatsAsync, which interleaves, answers
            // status and readiness meanwhile; every other call still waits for it.
            _statsWhileReweighing = Stats() with { Reweighing = true }; // the index's counts are rebuilt meanwhile
            try
            {
                await Task.Run(() => _index.Reweigh((_, payload) => Weigh(_side, payload.Side.Text)));
            }
            finally
            {
                _statsWhileReweighing = null;
            }

            // Changes after the snapshot's counts were taken are not in it: they count toward the next drift.
            _changes = Math.Max(0, _changes - _changesCounted);
            _changesCounted = 0;
            _documents = _documentsCounted;
            _driftReported = false;
        }
    }

    /// <summary>Uncounts an indexed item; false when it is not indexed.</summary>
    private bool Uncount(string id)
    {
        if (!_index.TryGet(id, out var slots, out var payload))
        {
            return false;
        }

        _counts.Remove(slots, payload.Side.Text.Length);
        return true;
    }

    /// <summary>
    /// Asks for a new snapshot once the number of items has changed by the drift share since the snapshot counted them,
    /// or as many items as there are have been rewritten with other terms (offers only: needs' counts do not enter BM25).
    /// </summary>
    private async Task ReportDriftAsync()
    {
        var grown = Math.Abs(_counts.Documents - _documents) >= options.Value.StatisticsDrift * Math.Max(1, _documents);
        var turnedOver = _changes >= options.Value.StatisticsTurnover * Math.Max(1, _counts.Documents);
        if (_side == Side.Offers && !_driftReported && (grown || turnedOver))
        {
            _driftReported = true;
            await Tenant().DriftedAsync();
        }
    }

    /// <summary>An item's BM25 weights: an offer's as a document, a need's as a query.</summary>
    private float[] Weigh(Side side, TextProfile text) =>
        side == Side.Offers
            ? Bm25.OfferWeights(text.Frequencies, text.Length, _statistics)
            : Bm25.NeedWeights(text.Slots, text.Frequencies, _statistics);

    /// <summary>The weights of an item of the other side, as a query of this shard.</summary>
    private float[] Weigh(TextProfile text) => Weigh(_side == Side.Offers ? Side.Needs : Side.Offers, text);

    private IStatisticsGrain Tenant() => GrainFactory.GetGrain<IStatisticsGrain>(GrainKeys.ParseShard(this.GetPrimaryKeyString()).Tenant);

    private static TermStatistics Statistics(StatisticsSnapshot s) => new(s.Version, s.Offers, s.TotalLength, s.Slots, s.Frequencies);

    public Task<(long Version, KeptMark Mark)?> MarkOfAsync(string id) =>
        Task.FromResult(_index.TryGet(id, out _, out var payload) ? (payload.Version, _marks[id]) : ((long, KeptMark)?)null);

    public Task MarkAsync(string id, KeptMark mark)
    {
        // A withdrawn item has no list to mark; a settled mark older than the shard's arrived late, and one with its
        // stamp is the mark already here (lists hand theirs back after every proposal, changed or not).
        if (_index.TryGet(id, out _, out _) && (!mark.Settled || !_marks.TryGetValue(id, out var current) || mark.Stamp > current.Stamp || (mark.Stamp == current.Stamp && !current.Settled)))
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

    public Task<IndexAnswer> QueryAsync(IndexQuery query)
    {
        var querySide = new PairSide(query.Text, query.Facts);
        var hits = _index.Query(query.Text.Slots, Weigh(query.Text), p => Allows(p.Side.Facts, query.Facts), query.Count);
        // The pair features are computed here, where the candidates' facets are, for this shard's best only.
        return Task.FromResult(new IndexAnswer(_statistics.Version, [.. hits.Select(h => Candidate(h, querySide))]));
    }

    public Task<IndexAnswer> ScoreAsync(string[] ids, IndexQuery query)
    {
        var (querySide, weights) = (new PairSide(query.Text, query.Facts), Weigh(query.Text));
        var candidates = new List<Candidate>(ids.Length);
        foreach (var id in ids)
        {
            if (_index.TryScore(id, query.Text.Slots, weights, out var hit))
            {
                candidates.Add(Candidate(hit, querySide));
            }
        }

        return Task.FromResult(new IndexAnswer(_statistics.Version, [.. candidates]));
    }

    private Candidate Candidate(Hit<Payload> hit, PairSide querySide) =>
        new(hit.Id, hit.Payload.Title, hit.Score, Shared(hit.TopSharedSlots, hit.Payload.Side, querySide), hit.Payload.Side.Facts, Features(hit.Payload.Side, querySide, hit.Score));

    public Task<(string OwnerId, Proposal Proposal)[]> AffectedByAsync(string id, IndexEntry? entry)
    {
        var affected = new Dictionary<string, Proposal>(StringComparer.Ordinal);
        _holders.TryGetValue(id, out var holders);
        if (entry is not null)
        {
            var side = new PairSide(entry.Text, entry.Facts);
            var weights = Weigh(entry.Text);
            // A list takes the item if its score reaches the list's floor (any score while the list is not full or
            // is being computed), and a list that holds it takes its new score whatever it is. Lists that refuse the
            // item by a hard rule are not reached here; those among them that hold it or are being computed are
            // told to drop it below.
            var hits = _index.Reach(entry.Text.Slots, weights, p => Allows(p.Side.Facts, entry.Facts));
            foreach (var hit in hits)
            {
                Propose(hit);
            }

            foreach (var holder in (IEnumerable<string>?)holders ?? [])
            {
                if (!affected.ContainsKey(holder) && _index.TryScore(holder, entry.Text.Slots, weights, out var hit) && Allows(hit.Payload.Side.Facts, entry.Facts))
                {
                    Propose(hit); // below the list's floor now, so not among Reach's hits
                }
            }

            void Propose(Hit<Payload> hit)
            {
                var score = KeptShortlist.Round(hit.Score);
                if (score > 0 && (score >= FloorOf(hit.Id) || holders?.Contains(hit.Id) == true || _unsettled.Contains(hit.Id)))
                {
                    affected[hit.Id] = new Proposal(id, entry.Title, score, Shared(hit.TopSharedSlots, hit.Payload.Side, side), entry.Facts, hit.Payload.Version, Features(hit.Payload.Side, side, hit.Score), _statistics.Version);
                }
            }
        }

        // Lists that hold the item but no longer share a term with it (or it was withdrawn) must drop it; lists
        // being computed may have read the item as it was.
        foreach (var owner in ((IEnumerable<string>?)holders ?? []).Concat(_unsettled))
        {
            if (!affected.ContainsKey(owner) && _index.TryGet(owner, out _, out var payload))
            {
                affected[owner] = Proposal.Withdrawal(id, payload.Version, _statistics.Version);
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

    public Task<ShardStats> GetStatsAsync() => Task.FromResult(_statsWhileReweighing ?? Stats());

    private ShardStats Stats() => new(_index.Count, _index.Postings, _imported, Reweighing: false);

    /// <summary>The hard rules, with this shard's item on its own side of the pair.</summary>
    private bool Allows(ItemFacts own, ItemFacts other) =>
        _side == Side.Offers ? HardRules.Allows(need: other, offer: own) : HardRules.Allows(need: own, offer: other);

    /// <summary>The features of a pair of this shard's item and an item of the other side, need first.</summary>
    private float[] Features(PairSide own, PairSide other, float similarity) =>
        _side == Side.Offers ? Facts.Pair(need: other, offer: own, similarity, models.Featurizer, _statistics)
            : Facts.Pair(need: own, offer: other, similarity, models.Featurizer, _statistics);

    /// <summary>The pair's strongest shared slots, those the need holds only through translation marked for reasons.</summary>
    private int[] Shared(int[] topSharedSlots, PairSide own, PairSide other) =>
        CrossLingual.MarkTranslated(topSharedSlots, _side == Side.Offers ? other.Text : own.Text);

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

    private sealed record Payload(string Title, long Version, PairSide Side);
}
