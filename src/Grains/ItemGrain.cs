using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>
/// What offers and needs share: validate, persist (acknowledged only after storage has it), featurize once per
/// change with the active model, hand the compact entry to the item's index shard, and answer shortlists from
/// the other side's shards. The features are not kept in the activation: with the spelling of every term (for
/// reasons) they cost about 5 KB per item, more than the index entry itself (docs/benchmarks.md), and a
/// shortlist read featurizes again in a fraction of a millisecond.
/// </summary>
public abstract class ItemGrain<TData>(ItemSchema<TData> schema, IPersistentState<ItemState<TData>> state, ShortlistBuilder shortlists, ModelHost models, TimeProvider clock)
    : Grain, IItemGrain<TData> where TData : class
{
    private (string Tenant, string Id) Key => GrainKeys.ParseItem(this.GetPrimaryKeyString());

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

        var vector = Featurize();
        await Shard().UpsertAsync(new IndexEntry(Key.Id, schema.Title(normalized), vector.Slots, vector.Weights, schema.Facts(normalized)));
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

        var target = schema.Side == Side.Offers ? Side.Needs : Side.Offers;
        return await shortlists.BuildAsync(Key.Tenant, target, Featurize(), schema.Facts(state.State.Data), k);
    }

    private FeatureVector Featurize() => models.Active.Featurize(schema.Text(state.State.Data!));

    private Stored<TData> Stored() => new(Key.Id, state.State.Data!, state.State.Version, state.State.UpdatedAt);

    private IIndexShardGrain Shard() =>
        GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(Key.Tenant, schema.Side, shortlists.ShardOf(Key.Id)));
}
