using Matching.Contracts;
using Matching.Ranking;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Matching.Grains;

/// <summary>
/// What offers and needs share. A write validates, persists (acknowledged only after storage has it),
/// featurizes with the active model, indexes the item, computes the item's own kept shortlist before it returns
/// (read-your-writes), and queues the propagation of the change to the other side's kept lists. A proposal from
/// the other side's propagator updates the kept list; a list that changes is stored, marked in the index shard
/// (so that later changes find it) and published.
/// </summary>
public abstract class ItemGrain<TData>(
    ItemSchema<TData> schema,
    IPersistentState<ItemState<TData>> state,
    IPersistentState<KeptState> kept,
    ShortlistBuilder shortlists,
    ModelHost models,
    TimeProvider clock,
    ILogger logger)
    : Grain, IItemGrain<TData> where TData : class
{
    // This item's text features, computed when first needed in an activation: reasons quote its own spellings.
    private TextProfile? _profile;
    private KeptMark? _mark;
    // The statistics snapshot the list's similarities were scored with: a proposal scored with another cannot be compared.
    private long _statisticsVersion = ShortlistBuilder.MixedStatistics;
    // The kept list by similarity, with served scores and reasons; null until computed in this activation
    // (storage keeps only its ids).
    private List<KeptItem>? _items;
    // What reads serve: the first KeptShortlist.Capacity of _items in the ranker's order.
    private ShortlistItem[] _served = [];
    // The best similarity rank an item the list does not hold can have; null while the list holds every item that qualifies.
    private KeptItem? _outside;
    // Whether the ids or sequence changed since storage last had them: written when the activation ends.
    private bool _dirty;
    // While a proposal is considered, the list's new mark is handed back to the propagator, which delivers the
    // marks of a whole wave in one call per shard, instead of each list calling its shard.
    private bool _deferMark;
    private long _stamp;
    private KeptMark? _deferredMark;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Event ids must never repeat, even if the activation ended without storing its last sequence (a crash):
        // continue from the clock in microseconds when that is ahead.
        kept.State.Sequence = Math.Max(kept.State.Sequence, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await kept.WriteStateAsync(cancellationToken);
        }
    }

    private (string Tenant, string Id) Key => GrainKeys.ParseItem(this.GetPrimaryKeyString());

    private Side Target => schema.Side == Side.Offers ? Side.Needs : Side.Offers;

    public async Task<PutResult<TData>> PutAsync(TData data)
    {
        var (created, changed) = await StoreAsync(data);
        // A retried write whose first attempt stored the item but died before indexing it (a silo lost between the
        // two) must still index it: the data is unchanged, the index is behind.
        if (changed || await OwnShard().VersionOfAsync(Key.Id) != state.State.Version)
        {
            // Indexed with its own list unsettled, so changes on the other side made while it is computed are proposed to it too.
            await IndexAsync(KeptMark.Unsettled(NextStamp()));
            await ComputeAsync();
        }

        // Also for unchanged data: a PUT repeated after a timeout may be the retry of one whose propagation was queued
        // on a silo that died. Propagating the current state again is idempotent (each list decides exactly).
        await Propagator().EnqueueAsync(Key.Id);

        return new PutResult<TData>(Stored(), created);
    }

    public async Task<PutResult<TData>> ImportAsync(TData data)
    {
        var (created, changed) = await StoreAsync(data);
        if (changed || await OwnShard().VersionOfAsync(Key.Id) != state.State.Version)
        {
            _items = null; // computed by the sweep, or by the first read
            _outside = null;
            await IndexAsync(KeptMark.Deferred(NextStamp()));
        }

        return new PutResult<TData>(Stored(), created);
    }

    /// <summary>Validates and stores the item; acknowledged only once storage has it. Unchanged data writes nothing.</summary>
    private async Task<(bool Created, bool Changed)> StoreAsync(TData data)
    {
        var (normalized, errors) = schema.Validate(data);
        if (errors.Count > 0)
        {
            throw ItemRules.Invalid(errors, nameof(data));
        }

        var created = state.State.Data is null;
        if (!created && schema.Same(state.State.Data!, normalized))
        {
            return (false, false);
        }

        await WriteAsync(normalized);
        return (created, true);
    }

    /// <summary>
    /// Stores new data (null withdraws), or nothing: when storage refuses the write, the activation goes back to
    /// what storage has, so a refused write is never served and its retry is not mistaken for a repeat.
    /// </summary>
    private async Task WriteAsync(TData? data)
    {
        var (before, version, updatedAt) = (state.State.Data, state.State.Version, state.State.UpdatedAt);
        state.State.Data = data;
        state.State.Version = data is null ? version : version + 1;
        state.State.UpdatedAt = clock.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may still have reached storage (a timeout): the next call starts a new activation, which
            // reads what storage holds; until then nothing refused is served.
            (state.State.Data, state.State.Version, state.State.UpdatedAt) = (before, version, updatedAt);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Featurizes the stored item and hands its entry to its shard, with the mark its list starts from.</summary>
    private async Task IndexAsync(KeptMark mark)
    {
        var data = state.State.Data!;
        _profile = null;
        var profile = Profile();
        _mark = mark;
        await OwnShard().UpsertAsync(
            new IndexEntry(Key.Id, schema.Title(data), profile.All.Slots, profile.All.Weights, schema.Facts(data), state.State.Version, Facts.Facets(profile)),
            mark);
    }

    public async Task RefreshAsync()
    {
        if (state.State.Data is not null)
        {
            await RecomputeAsync();
        }
    }

    public Task<Stored<TData>?> GetAsync() =>
        Task.FromResult(state.State.Data is null ? null : Stored());

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Data is null)
        {
            // Withdrawn already; but if the silo was lost between storing that and unindexing it, finish the job.
            if (await OwnShard().VersionOfAsync(Key.Id) is not null)
            {
                await OwnShard().RemoveAsync(Key.Id);
                await Propagator().EnqueueAsync(Key.Id);
            }

            return false;
        }

        await WriteAsync(null);
        _outside = null;
        await ApplyAsync([]); // an emptied list, not a cleared one: the event sequence must not start again
        await OwnShard().RemoveAsync(Key.Id);
        _profile = null;
        _mark = null;
        await Propagator().EnqueueAsync(Key.Id);
        return true;
    }

    public async Task<Shortlist?> GetShortlistAsync(int k, bool fresh)
    {
        if (state.State.Data is null)
        {
            return null;
        }

        if (fresh || k > KeptShortlist.Capacity)
        {
            return await shortlists.BuildAsync(Key.Tenant, Target, Profile(), schema.Facts(state.State.Data), k);
        }

        // A list scored by another model than the active one is recomputed before it is served.
        if (_items is null || kept.State.ModelVersion != models.Version)
        {
            await RecomputeAsync();
        }

        return new Shortlist(kept.State.ModelVersion!, _served.Take(k).ToArray());
    }

    public async Task<KeptMark?> ConsiderAsync(Proposal proposal)
    {
        _deferMark = true;
        _deferredMark = null;
        try
        {
            await ConsiderCoreAsync(proposal);
            return _deferredMark;
        }
        finally
        {
            _deferMark = false;
        }
    }

    private async Task ConsiderCoreAsync(Proposal proposal)
    {
        if (state.State.Data is null || proposal.OwnerVersion != state.State.Version)
        {
            // Withdrawn, or changed since the proposal was scored: the change computed this list from an index
            // that already held the proposed item as it was when scored, or later.
            return;
        }

        var ranker = models.Ranker;
        if (_items is null || kept.State.ModelVersion != ranker.Version ||
            (proposal.StatisticsVersion != _statisticsVersion && _statisticsVersion != ShortlistBuilder.AnyStatistics))
        {
            await RecomputeAsync(); // reads the current index, which includes the proposed change
            return;
        }

        // The list holds exactly the best |list| items by similarity; every item it does not hold ranks at or after _outside.
        var held = _items.FindIndex(i => i.Id == proposal.Id) >= 0;
        var enters = proposal.Qualifies && (_outside is null || BySimilarity.Instance.Compare(Rank(proposal), _outside) < 0);
        if (!held && !enters)
        {
            return;
        }

        var list = held ? _items.Where(i => i.Id != proposal.Id).ToList() : [.. _items];
        if (enters)
        {
            var item = Item(proposal, ranker);
            var at = list.BinarySearch(item, BySimilarity.Instance);
            list.Insert(at < 0 ? ~at : at, item);
        }

        while (list.Count > KeptShortlist.Capacity + shortlists.KeptReserve)
        {
            _outside = Best(_outside, list[^1]);
            list.RemoveAt(list.Count - 1);
        }

        // Lost or fallen items are replaced from the reserve; only when it runs out must the index be asked again.
        if (_outside is not null && list.Count < KeptShortlist.Capacity)
        {
            await RecomputeAsync();
            return;
        }

        await ApplyAsync(list);
    }

    private static KeptItem Rank(Proposal p) => new(p.Id, p.Score, null!);

    private static KeptItem Best(KeptItem? a, KeptItem b) =>
        a is null || BySimilarity.Instance.Compare(b, a) < 0 ? b : a;

    /// <summary>Computes the kept list again from the index, marking it unsettled first (see <see cref="KeptMark"/>).</summary>
    private async Task RecomputeAsync()
    {
        _mark = KeptMark.Unsettled(NextStamp());
        await OwnShard().MarkAsync(Key.Id, _mark);
        await ComputeAsync();
    }

    private async Task ComputeAsync()
    {
        MatchingMetrics.Recomputes.Add(1);
        (var modelVersion, _statisticsVersion, var items) = await shortlists.PoolAsync(Key.Tenant, Target, Profile(), schema.Facts(state.State.Data!), KeptShortlist.Capacity + shortlists.KeptReserve);
        // Fewer than asked: the list holds every item that qualifies. Otherwise nothing it lacks ranks before its last.
        _outside = items.Length < KeptShortlist.Capacity + shortlists.KeptReserve ? null : items[^1];
        var modelChanged = kept.State.ModelVersion != modelVersion;
        kept.State.ModelVersion = modelVersion;
        await ApplyAsync([.. items], store: modelChanged);
    }

    /// <summary>
    /// Makes <paramref name="items"/> the kept list: stores its ids if they changed, tells the index shard the
    /// list's new mark, and publishes the change if its items or their order changed.
    /// </summary>
    private async Task ApplyAsync(List<KeptItem> items, bool store = false)
    {
        var previous = kept.State.Ids;
        var served = ShortlistBuilder.Serve(items, KeptShortlist.Capacity); // what reads and pushes see
        var ids = served.Select(i => i.Id).ToArray();
        var reordered = !previous.SequenceEqual(ids, StringComparer.Ordinal);
        _items = items;
        _served = served;
        if (reordered)
        {
            kept.State.Ids = ids;
            kept.State.Sequence++;
            _dirty = true;
        }

        // Storage keeps the ids for push after a restart, not for correctness (the index rebuilds the list): they
        // are written when the activation ends, or at once when the model changed.
        if (store)
        {
            await kept.WriteStateAsync();
            _dirty = false;
        }

        // A newcomer must rank before _outside to enter; while every qualifying item is held, any match enters.
        var mark = new KeptMark(
            Settled: true,
            Full: _outside is not null,
            Floor: _outside?.Similarity ?? 0,
            Held: [.. items.Select(i => i.Id)],
            Stamp: _mark?.Stamp ?? 0);
        if (_mark is null || !_mark.Settled || _mark.Full != mark.Full || _mark.Floor != mark.Floor || !_mark.Held.SequenceEqual(mark.Held))
        {
            mark = mark with { Stamp = NextStamp() };
            // A mark delivered late by the propagator is safe: until it arrives the shard's old mark proposes a
            // superset (a lower floor, an item still held, or unsettled), and a list never waits for a higher one.
            if (_deferMark)
            {
                _deferredMark = mark;
            }
            else
            {
                await OwnShard().MarkAsync(Key.Id, mark);
            }

            _mark = mark;
        }

        if (reordered)
        {
            var change = new ShortlistChanged(Key.Tenant, schema.Side, Key.Id, kept.State.Sequence,
                previous, new Shortlist(kept.State.ModelVersion ?? models.Version, served), clock.GetUtcNow());
            await PublishAsync(change);
        }
    }

    /// <summary>
    /// Hands a change to the push streams. Push must never hold up or undo matching: when the streams cannot take
    /// it (their queue is full under overload), the change is dropped and counted, and the kept list stays right;
    /// SSE clients that reconnect and webhooks' next change carry the current list.
    /// </summary>
    private async Task PublishAsync(ShortlistChanged change)
    {
        try
        {
            await this.GetStreamProvider(ShortlistStreams.Provider)
                .GetStream<ShortlistChanged>(StreamId.Create(ShortlistStreams.Namespace, ShortlistStreams.Key(Key.Tenant, Key.Id)))
                .OnNextAsync(change);
        }
        catch (Exception e) when (e is InvalidOperationException or OrleansException or TimeoutException)
        {
            MatchingMetrics.PushDropped.Add(1);
            logger.LogDebug(e, "Shortlist change {EventId} not pushed", change.EventId);
        }
    }

    /// <summary>Mark stamps rise within an activation and, from the clock, across activations.</summary>
    private long NextStamp() => _stamp = Math.Max(_stamp + 1, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);

    private KeptItem Item(Proposal p, Ranker ranker) =>
        ShortlistBuilder.Keep(ranker, Target, Profile().All, schema.Facts(state.State.Data!), p.Id, p.Score, p.Title, p.TopSharedSlots, p.Facts!, p.Features);

    private TextProfile Profile() => _profile ??= models.Featurizer.Profile(schema.Text(state.State.Data!));

    private Stored<TData> Stored() => new(Key.Id, state.State.Data!, state.State.Version, state.State.UpdatedAt);

    private IIndexShardGrain OwnShard() =>
        GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));

    private IPropagatorGrain Propagator() =>
        GrainFactory.GetGrain<IPropagatorGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));
}
