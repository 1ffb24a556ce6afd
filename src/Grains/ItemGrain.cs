using Matching.Contracts;
using Matching.Ranking;
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
    TimeProvider clock)
    : Grain, IItemGrain<TData> where TData : class
{
    // The features of this item, computed when first needed in an activation: reasons quote its own spellings.
    private FeatureVector? _vector;
    private KeptMark? _mark;

    private (string Tenant, string Id) Key => GrainKeys.ParseItem(this.GetPrimaryKeyString());

    private Side Target => schema.Side == Side.Offers ? Side.Needs : Side.Offers;

    public async Task<PutResult<TData>> PutAsync(TData data)
    {
        var (normalized, errors) = schema.Validate(data);
        if (errors.Count > 0)
        {
            throw ItemRules.Invalid(errors, nameof(data));
        }

        var created = state.State.Data is null;
        if (!created && schema.Same(state.State.Data!, normalized))
        {
            return new PutResult<TData>(Stored(), Created: false);
        }

        state.State.Data = normalized;
        state.State.Version++;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();

        _vector = null;
        var vector = Vector();
        // Indexing marks this item's own list unsettled, so changes on the other side made while it is computed are proposed to it too.
        await OwnShard().UpsertAsync(new IndexEntry(Key.Id, schema.Title(normalized), vector.Slots, vector.Weights, schema.Facts(normalized), state.State.Version));
        _mark = KeptMark.Unsettled;
        await ComputeAsync();
        await Propagator().EnqueueAsync(Key.Id);
        return new PutResult<TData>(Stored(), created);
    }

    public Task<Stored<TData>?> GetAsync() =>
        Task.FromResult(state.State.Data is null ? null : Stored());

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Data is null)
        {
            return false;
        }

        state.State.Data = null;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await ApplyAsync([]); // an emptied list, not a cleared one: the event sequence must not start again
        await OwnShard().RemoveAsync(Key.Id);
        _vector = null;
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
            return await shortlists.BuildAsync(Key.Tenant, Target, Vector(), schema.Facts(state.State.Data), k);
        }

        if (kept.State.ModelVersion != models.Active.Version)
        {
            await RecomputeAsync();
        }

        return new Shortlist(kept.State.ModelVersion!, kept.State.Items.Take(k).ToArray());
    }

    public async Task ConsiderAsync(Proposal proposal)
    {
        if (state.State.Data is null || proposal.OwnerVersion != state.State.Version)
        {
            // Withdrawn, or changed since the proposal was scored: the change computed this list from an index
            // that already held the proposed item as it was when scored, or later.
            return;
        }

        if (kept.State.ModelVersion != models.Active.Version)
        {
            await RecomputeAsync(); // reads the current index, which includes the proposed change
            return;
        }

        var items = kept.State.Items;
        var full = items.Count == KeptShortlist.Capacity;
        var at = items.FindIndex(i => i.Id == proposal.Id);
        if (at < 0)
        {
            if (!proposal.Qualifies || (full && ByRank.Instance.Compare(Item(proposal), items[^1]) > 0))
            {
                return;
            }

            await ApplyAsync([.. items.Append(Item(proposal)).Order(ByRank.Instance).Take(KeptShortlist.Capacity)]);
            return;
        }

        // A full list that loses an item, or whose item falls, may now owe its place to an item it does not hold:
        // only a computation over the index can say which.
        if (full && (!proposal.Qualifies || proposal.Score < items[at].Score))
        {
            await RecomputeAsync();
            return;
        }

        var rest = items.Where(i => i.Id != proposal.Id);
        await ApplyAsync(proposal.Qualifies ? [.. rest.Append(Item(proposal)).Order(ByRank.Instance)] : [.. rest]);
    }

    /// <summary>Computes the kept list again from the index, marking it unsettled first (see <see cref="KeptMark"/>).</summary>
    private async Task RecomputeAsync()
    {
        await OwnShard().MarkAsync(Key.Id, KeptMark.Unsettled);
        _mark = KeptMark.Unsettled;
        await ComputeAsync();
    }

    private async Task ComputeAsync()
    {
        MatchingMetrics.Recomputes.Add(1);
        var modelVersion = models.Active.Version;
        var items = await shortlists.TopAsync(Key.Tenant, Target, Vector(), schema.Facts(state.State.Data!), KeptShortlist.Capacity);
        kept.State.ModelVersion = modelVersion;
        await ApplyAsync([.. items], force: true); // stored even if unchanged: the model version is part of it
    }

    /// <summary>
    /// Makes <paramref name="items"/> the kept list: stores it if anything changed, tells the index shard the
    /// list's new mark, and publishes the change if its items or their order changed.
    /// </summary>
    private async Task ApplyAsync(List<ShortlistItem> items, bool force = false)
    {
        var previous = kept.State.Items;
        var reordered = !previous.Select(i => i.Id).SequenceEqual(items.Select(i => i.Id), StringComparer.Ordinal);
        if (reordered || force || !previous.SequenceEqual(items, ItemComparer.Instance))
        {
            kept.State.Items = items;
            if (reordered)
            {
                kept.State.Sequence++;
            }

            await kept.WriteStateAsync();
        }

        var mark = new KeptMark(
            Settled: true,
            Full: items.Count == KeptShortlist.Capacity,
            Floor: items.Count == KeptShortlist.Capacity ? items[^1].Score : 0,
            Held: [.. items.Select(i => i.Id)]);
        if (_mark is null || !_mark.Settled || _mark.Full != mark.Full || _mark.Floor != mark.Floor || reordered)
        {
            await OwnShard().MarkAsync(Key.Id, mark);
            _mark = mark;
        }

        if (reordered)
        {
            var change = new ShortlistChanged(Key.Tenant, schema.Side, Key.Id, kept.State.Sequence,
                [.. previous.Select(i => i.Id)], new Shortlist(kept.State.ModelVersion ?? models.Active.Version, [.. items]), clock.GetUtcNow());
            await this.GetStreamProvider(ShortlistStreams.Provider)
                .GetStream<ShortlistChanged>(StreamId.Create(ShortlistStreams.Namespace, ShortlistStreams.Key(Key.Tenant, Key.Id)))
                .OnNextAsync(change);
        }
    }

    private ShortlistItem Item(Proposal p) =>
        new(p.Id, p.Score, p.Title, ShortlistBuilder.Explain(Target, Vector(), schema.Facts(state.State.Data!), p.TopSharedSlots, p.Facts!));

    private FeatureVector Vector() => _vector ??= models.Active.Featurize(schema.Text(state.State.Data!));

    private Stored<TData> Stored() => new(Key.Id, state.State.Data!, state.State.Version, state.State.UpdatedAt);

    private IIndexShardGrain OwnShard() =>
        GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));

    private IPropagatorGrain Propagator() =>
        GrainFactory.GetGrain<IPropagatorGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));

    /// <summary>Shortlist items are records with an array member: equal when every field and reason is.</summary>
    private sealed class ItemComparer : IEqualityComparer<ShortlistItem>
    {
        public static readonly ItemComparer Instance = new();

        public bool Equals(ShortlistItem? x, ShortlistItem? y) =>
            x!.Id == y!.Id && x.Score == y.Score && x.Title == y.Title && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(ShortlistItem obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
