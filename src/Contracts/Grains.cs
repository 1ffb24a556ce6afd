namespace Matching.Contracts;

/// <summary>The authoritative record of one offer or need, keyed <c>{tenant}/{id}</c>.</summary>
/// <typeparam name="TData">The item's fields: <see cref="OfferData"/> or <see cref="NeedData"/>.</typeparam>
public interface IItemGrain<TData> : IGrainWithStringKey
{
    /// <summary>Validates, stores and indexes the item; acknowledged only once storage has it.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<PutResult<TData>> PutAsync(TData data);

    /// <summary>The stored item, or null when unknown or withdrawn.</summary>
    Task<Stored<TData>?> GetAsync();

    /// <summary>Withdraws the item from storage and every index; false when it was not stored.</summary>
    Task<bool> DeleteAsync();

    /// <summary>The best items of the other side for this one, or null when this item is not stored.</summary>
    Task<Shortlist?> GetShortlistAsync(int k, bool fresh);
}

/// <summary>One technology offer; its shortlist holds needs.</summary>
public interface IOfferGrain : IItemGrain<OfferData>;

/// <summary>One enterprise need; its shortlist holds offers.</summary>
public interface INeedGrain : IItemGrain<NeedData>;

/// <summary>
/// One shard of one side's inverted index, keyed <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>.
/// Holds compact entries only; a write costs work in proportion to one item.
/// </summary>
public interface IIndexShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces one item's entry.</summary>
    Task UpsertAsync(IndexEntry entry);

    /// <summary>Removes one item's entry, if present.</summary>
    Task RemoveAsync(string id);

    /// <summary>First-phase retrieval: the best items of this shard for the query that pass the hard rules.</summary>
    Task<Candidate[]> QueryAsync(IndexQuery query);

    /// <summary>How many items and postings the shard holds.</summary>
    Task<ShardStats> GetStatsAsync();
}

/// <summary>Stateless entry point for work that belongs to no single item: ad-hoc shortlists and status.</summary>
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>The best offers for a need that is not stored. Nothing is written.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<Shortlist> ShortlistForNeedAsync(string tenant, NeedData need, int k);

    /// <summary>Counts, shard layout, model and backlog of one tenant.</summary>
    Task<TenantStatus> GetStatusAsync(string tenant);
}
