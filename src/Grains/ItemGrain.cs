using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>
/// What offers and needs share: validate, persist (acknowledged only after storage has it), featurize once per
/// change with the active model, hand the compact entry to the item's index shard, and answer shortlists from
/// the other side's shards.
/// </summary>
public abstract class ItemGrain<TData>(IPersistentState<ItemState<TData>> state, ShortlistBuilder shortlists, ModelHost models, TimeProvider clock)
    : Grain, IItemGrain<TData> where TData : class
{
    private FeatureVector? _vector;
    private string? _vectorModel;

    /// <summary>The side this item is on.</summary>
    protected abstract Side OwnSide { get; }

    protected abstract (TData Normalized, Dictionary<string, string[]> Errors) Validate(TData data);

    protected abstract bool Same(TData a, TData b);

    protected abstract ItemFacts FactsOf(TData data);

    protected abstract ItemText TextOf(TData data);

    protected abstract string TitleOf(TData data);

    private (string Tenant, string Id) Key => GrainKeys.ParseItem(this.GetPrimaryKeyString());

    public async Task<PutResult<TData>> PutAsync(TData data)
    {
        var (normalized, errors) = Validate(data);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), nameof(data));
        }

        var created = state.State.Data is null;
        if (!created && Same(state.State.Data!, normalized))
        {
            return new PutResult<TData>(Stored(), Created: false);
        }

        state.State.Data = normalized;
        state.State.Version++;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();

        _vector = null;
        var vector = Vector();
        await Shard().UpsertAsync(new IndexEntry(Key.Id, TitleOf(normalized), vector.Slots, vector.Weights, FactsOf(normalized)));
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
        _vector = null;
        await Shard().RemoveAsync(Key.Id);
        return true;
    }

    /// <remarks>Every read is computed from the current index for now (the <c>fresh</c> mode); kept shortlists come next.</remarks>
    public async Task<Shortlist?> GetShortlistAsync(int k, bool fresh)
    {
        if (state.State.Data is null)
        {
            return null;
        }

        var target = OwnSide == Side.Offers ? Side.Needs : Side.Offers;
        return await shortlists.BuildAsync(Key.Tenant, target, Vector(), FactsOf(state.State.Data), k);
    }

    /// <summary>The item's features under the active model, computed once per change (or model switch).</summary>
    private FeatureVector Vector()
    {
        var model = models.Active;
        if (_vector is null || _vectorModel != model.Version)
        {
            _vector = model.Featurize(TextOf(state.State.Data!));
            _vectorModel = model.Version;
        }

        return _vector;
    }

    private Stored<TData> Stored() => new(Key.Id, state.State.Data!, state.State.Version, state.State.UpdatedAt);

    private IIndexShardGrain Shard() =>
        GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(Key.Tenant, OwnSide, shortlists.ShardOf(Key.Id)));
}
