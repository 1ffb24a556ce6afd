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
    MemoryTrim trim,
    SweepGate gate,
    TimeProvider clock,
    ILogger logger)
    : Grain, IItemGrain<TData> where TData : class
{
    private readonly KeptList _list = new(shortlists.KeptReserve, clock);
    // This item's text features, computed when first needed in an activation: reasons quote its own spellings.
    private (TextProfile Profile, FeatureVector Vector)? _text; // the profile of the stored text, and its words for reasons
    // Whether the ids or sequence changed since storage last had them: written when the activation ends.
    private bool _dirty;
    // Whether anything but a bulk import or a sweep called this activation (see LeaveUnlessUsed).
    private bool _used;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Event ids must never repeat, even if the activation ended without storing its last sequence (a crash):
        // continue from the clock in microseconds when that is ahead.
        kept.State.Sequence = Math.Max(kept.State.Sequence, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        trim.ItemDeactivated();
        if (_dirty)
        {
            await kept.WriteStateAsync(cancellationToken);
        }
    }

    private (string Tenant, string Id) Key => GrainKeys.ParseItem(this.GetPrimaryKeyString());

    private Side Target => schema.Side == Side.Offers ? Side.Needs : Side.Offers;

    public async Task<PutResult<TData>> PutAsync(TData data)
    {
        var normalized = Normalize(data);
        await AdmitAsync();
        return await PutNormalizedAsync(normalized);
    }

    public Task<PutResult<TData>> PutAdmittedAsync(TData data) => PutNormalizedAsync(Normalize(data));

    private async Task<PutResult<TData>> PutNormalizedAsync(TData normalized)
    {
        _used = true;
        // Sweeps wait while it stores, indexes and computes its own list, as they wait for its propagation after.
        gate.WriteStarted();
        try
        {
            var (created, changed) = await StoreAsync(normalized);
            // A retried write whose first attempt stored the item but died before indexing it (a silo lost between the
            // two) must still index it: the data is unchanged, the index is behind.
            if (changed || await OwnShard().VersionOfAsync(Key.Id) != state.State.Version)
            {
                // Indexed with its own list unsettled, so changes on the other side made while it is computed are proposed to it too.
                await IndexAsync(_list.Unsettle());
                await DeliverAsync(await ComputeAsync());
            }

            // Also for unchanged data: a PUT repeated after a timeout may be the retry of one whose propagation was queued
            // on a silo that died. Propagating the current state again is idempotent (each list decides exactly).
            await Propagator().EnqueueAsync(Key.Id);

            return new PutResult<TData>(Stored(), created);
        }
        finally
        {
            gate.WriteEnded();
        }
    }

    public async Task<PutResult<TData>> ImportAsync(TData data)
    {
        var (created, changed) = await StoreAsync(Normalize(data));
        if (changed || await OwnShard().VersionOfAsync(Key.Id) != state.State.Version)
        {
            await IndexAsync(_list.Defer()); // computed by the sweep, or by the first read
        }

        LeaveUnlessUsed();
        return new PutResult<TData>(Stored(), created);
    }

    /// <summary>The item as the rules normalize it; throws every broken rule.</summary>
    private TData Normalize(TData data)
    {
        var (normalized, errors) = schema.Validate(data);
        return errors.Count > 0 ? throw ItemRules.Invalid(errors, nameof(data)) : normalized;
    }

    /// <summary>Refuses a single write while this item's propagation queue is behind its bound (nothing stored yet).</summary>
    private async Task AdmitAsync()
    {
        var wait = await Propagator().AdmitAsync(1);
        if (wait > TimeSpan.Zero)
        {
            throw new BacklogFullException(wait);
        }
    }

    /// <summary>Stores the normalized item; acknowledged only once storage has it. Unchanged data writes nothing.</summary>
    private async Task<(bool Created, bool Changed)> StoreAsync(TData normalized)
    {
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

    /// <summary>Profiles the stored item and hands its entry to its shard, with the mark its list starts from.</summary>
    private async Task IndexAsync(KeptMark mark)
    {
        var data = state.State.Data!;
        _text = null;
        await OwnShard().UpsertAsync(new IndexEntry(Key.Id, schema.Title(data), schema.Facts(data), state.State.Version, Text().Profile), mark);
    }

    public async Task RefreshAsync()
    {
        if (state.State.Data is not null)
        {
            await DeliverAsync(await RecomputeAsync());
        }

        LeaveUnlessUsed();
    }

    /// <summary>
    /// Ends an activation that only bulk imports and sweeps have called as soon as it is idle, rather than after
    /// <see cref="MatchingOptions.ItemIdleAge"/>: an import and its sweep wake every item of a tenant, and at a
    /// million of each their kept lists would not fit in memory. Storage keeps the list's ids and the shard its
    /// mark, so the next call finds the list as current as an idle item's.
    /// </summary>
    private void LeaveUnlessUsed()
    {
        if (!_used)
        {
            DeactivateOnIdle();
        }
    }

    public Task<Stored<TData>?> GetAsync()
    {
        _used = true;
        return Task.FromResult(state.State.Data is null ? null : Stored());
    }

    public async Task<bool> DeleteAsync()
    {
        _used = true;
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

        await AdmitAsync();
        gate.WriteStarted();
        try
        {
            await WriteAsync(null);
            await DeliverAsync(await ApplyAsync(_list.Empty()));
            await OwnShard().RemoveAsync(Key.Id);
            _text = null;
            await Propagator().EnqueueAsync(Key.Id);
            return true;
        }
        finally
        {
            gate.WriteEnded();
        }
    }

    public async Task<Shortlist?> GetShortlistAsync(int k, bool fresh)
    {
        _used = true;
        if (state.State.Data is null)
        {
            return null;
        }

        if (fresh || k > KeptShortlist.Capacity)
        {
            return await shortlists.BuildAsync(Key.Tenant, Target, Text(), schema.Facts(state.State.Data), k);
        }

        // A cold list is restored; one scored by another model than the active one is recomputed before it is served.
        if (!_list.IsComputed || kept.State.ModelVersion != models.Version)
        {
            var restored = await RestoreAsync(models.Ranker);
            await DeliverAsync(restored.MustRecompute ? await RecomputeAsync() : await ApplyAsync(restored.Mark));
        }

        return new Shortlist(kept.State.ModelVersion!, _list.Served.Take(k).ToArray());
    }

    /// <summary>
    /// Decides a proposal. The list's mark is handed back to the propagator, which delivers the marks of a whole wave
    /// in one call per shard, instead of each list calling its shard. The current mark, not only a new one: a job
    /// retried after a failed wave finds lists that took its proposal already, whose new marks were never delivered,
    /// and a restore trusts the shard's mark to be the list's whenever storage kept the same stamp.
    /// </summary>
    public async Task<KeptMark?> ConsiderAsync(Proposal proposal)
    {
        _used = true;
        if (state.State.Data is null)
        {
            return null; // withdrawn: no list
        }

        var ranker = models.Ranker;
        var restored = _list.IsComputed && kept.State.ModelVersion == ranker.Version ? KeptUpdate.None : await RestoreAsync(ranker);
        // A proposal scored against an earlier version of this item is ignored: that version's write computed this
        // list from an index that already held the proposed item as it was when scored, or later.
        var update = restored.MustRecompute || proposal.OwnerVersion != state.State.Version ? restored : _list.Consider(proposal, p => Item(p, ranker));
        return update.MustRecompute ? await RecomputeAsync() : await ApplyAsync(update.Mark ?? restored.Mark) ?? _list.Mark;
    }

    /// <summary>
    /// Restores a list that is not in memory (its activation ended: idle, or only an import and a sweep called it)
    /// from the mark its shard holds and the bound storage kept, scoring only its held items again; a proposal or a
    /// read then costs a few lookups, not a query of every shard. Recompute when they do not describe the same list,
    /// the list was scored by another model, or the index is behind storage (a new activation is where that shows).
    /// </summary>
    private async Task<KeptUpdate> RestoreAsync(Ranker ranker)
    {
        var own = await OwnShard().MarkOfAsync(Key.Id);
        if (own?.Version != state.State.Version)
        {
            // Storage is ahead of the index: a write storage took after reporting a failure (a timeout), or one whose
            // silo was lost before it indexed the item. Indexed and propagated now, as the write would have.
            await IndexAsync(_list.Unsettle());
            await Propagator().EnqueueAsync(Key.Id);
            return KeptUpdate.Recompute;
        }

        var mark = own.Value.Mark;
        if (kept.State.Bound is not { } bound || kept.State.ModelVersion != ranker.Version || !bound.Matches(mark))
        {
            return KeptUpdate.Recompute;
        }

        var (statistics, held) = await shortlists.RescoreAsync(Key.Tenant, Target, ranker, Text(), schema.Facts(state.State.Data!), mark.Held);
        var update = _list.Restore(mark, bound, statistics ?? bound.StatisticsVersion, held);
        if (!update.MustRecompute)
        {
            MatchingMetrics.Restores.Add(1);
        }

        return update;
    }

    /// <summary>Computes the kept list again from the index, marking it unsettled first (see <see cref="KeptMark"/>).</summary>
    private async Task<KeptMark?> RecomputeAsync()
    {
        await OwnShard().MarkAsync(Key.Id, _list.Unsettle());
        return await ComputeAsync();
    }

    /// <summary>Computes the kept list from the index; returns its new mark, for the caller to deliver.</summary>
    private async Task<KeptMark?> ComputeAsync()
    {
        MatchingMetrics.Recomputes.Add(1);
        var (modelVersion, statisticsVersion, items) = await shortlists.PoolAsync(Key.Tenant, Target, Text(), schema.Facts(state.State.Data!), _list.Size);
        var modelChanged = kept.State.ModelVersion != modelVersion;
        kept.State.ModelVersion = modelVersion;
        return await ApplyAsync(_list.Fill(items, statisticsVersion), store: modelChanged);
    }

    /// <summary>
    /// Follows a change of the kept list: stores its ids if they changed and publishes the change if its served
    /// items or their order changed. Returns the list's new mark (null: unchanged) for the caller to deliver.
    /// </summary>
    private async Task<KeptMark?> ApplyAsync(KeptMark? mark, bool store = false)
    {
        var previous = kept.State.Ids;
        var served = _list.Served; // what reads and pushes see
        var ids = served.Select(i => i.Id).ToArray();
        var reordered = !previous.SequenceEqual(ids, StringComparer.Ordinal);
        if (reordered)
        {
            kept.State.Ids = ids;
            kept.State.Sequence++;
            _dirty = true;
        }

        var bound = _list.Bound;
        if (bound is not null && bound != kept.State.Bound)
        {
            kept.State.Bound = bound;
            _dirty = true;
        }

        // Storage keeps the ids for push and the bound to restore the list, not for correctness (the index rebuilds
        // the list): they are written when the activation ends, or at once when the model changed.
        if (store)
        {
            await kept.WriteStateAsync();
            _dirty = false;
        }

        if (reordered)
        {
            var change = new ShortlistChanged(Key.Tenant, schema.Side, Key.Id, kept.State.Sequence,
                previous, new Shortlist(kept.State.ModelVersion ?? models.Version, served), clock.GetUtcNow());
            await PublishAsync(change);
        }

        return mark;
    }

    /// <summary>
    /// Tells the shard the list's new mark. A mark delivered late (by the propagator) is safe: until it arrives the
    /// shard's old mark proposes a superset (a lower floor, an item still held, or unsettled).
    /// </summary>
    private async Task DeliverAsync(KeptMark? mark)
    {
        if (mark is not null)
        {
            await OwnShard().MarkAsync(Key.Id, mark);
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

    private KeptItem Item(Proposal p, Ranker ranker) =>
        ShortlistBuilder.Keep(ranker, Target, Text().Vector, schema.Facts(state.State.Data!), p.Id, p.Similarity, p.Title, p.TopSharedSlots, p.Facts!, p.Features);

    private (TextProfile Profile, FeatureVector Vector) Text()
    {
        if (_text is null)
        {
            // A need is the query of BM25: it alone carries its translations (TextModel.NeedProfile).
            var text = schema.Text(state.State.Data!);
            FeatureVector vector;
            var profile = schema.Side == Side.Needs ? models.Featurizer.NeedProfile(text, out vector) : models.Featurizer.Profile(text, out vector);
            _text = (profile, vector);
        }

        return _text.Value;
    }

    private Stored<TData> Stored() => new(Key.Id, state.State.Data!, state.State.Version, state.State.UpdatedAt);

    private IIndexShardGrain OwnShard() =>
        GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));

    private IPropagatorGrain Propagator() =>
        GrainFactory.GetGrain<IPropagatorGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));
}
