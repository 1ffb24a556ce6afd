namespace Matching.Contracts;

/// <summary>What every offer and need grain answers, whatever its fields.</summary>
public interface IItemGrain : IGrainWithStringKey
{
    /// <summary>
    /// Withdraws the item from storage and every index; false when it was not stored. Refused before anything
    /// changes while the item's propagation queue is behind its bound.
    /// </summary>
    /// <exception cref="BacklogFullException">The item's propagation queue is behind; nothing was withdrawn.</exception>
    Task<bool> DeleteAsync();

    /// <summary>
    /// The best items of the other side for this one, or null when this item is not stored. Served from the kept
    /// list when <paramref name="k"/> is at most <see cref="KeptShortlist.Capacity"/> and <paramref name="fresh"/>
    /// is false; otherwise computed from the current index.
    /// </summary>
    Task<Shortlist?> GetShortlistAsync(int k, bool fresh);

    /// <summary>
    /// A change of an item of the other side that may enter, move in or leave this item's kept list. Sent by the
    /// propagators; the list decides exactly, and computes itself again when it loses an item it cannot replace.
    /// Returns the list's mark for the caller to deliver to the item's shard, also when the proposal left it as it was
    /// (a retried propagation finds lists that took its proposal already); null when the item has no list to decide.
    /// </summary>
    Task<KeptMark?> ConsiderAsync(Proposal proposal);

    /// <summary>Computes this item's kept list again from the index (a sweep after a bulk import); nothing when not stored.</summary>
    Task RefreshAsync();
}

/// <summary>The authoritative record of one offer or need, keyed <c>{tenant}/{id}</c>.</summary>
/// <typeparam name="TData">The item's fields: <see cref="OfferData"/> or <see cref="NeedData"/>.</typeparam>
public interface IItemGrain<TData> : IItemGrain
{
    /// <summary>
    /// A single write: validates, stores and indexes the item, acknowledged only once storage has it, then queues its
    /// propagation. Refused before anything is stored while that queue is behind its bound.
    /// </summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    /// <exception cref="BacklogFullException">The item's propagation queue is behind; nothing was stored.</exception>
    Task<PutResult<TData>> PutAsync(TData data);

    /// <summary><see cref="PutAsync"/> for an item of a batch that was admitted whole: never refused for the backlog.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<PutResult<TData>> PutAdmittedAsync(TData data);

    /// <summary>
    /// Bulk import: validates, stores and indexes the item like <see cref="PutAsync"/>, but neither computes its
    /// list nor propagates it; the caller then asks for a sweep (<see cref="ISearchGrain.SweepAfterImportAsync"/>),
    /// which computes every affected list once from the complete index instead of once per imported item.
    /// A read of the item's shortlist before the sweep computes it at once.
    /// </summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<PutResult<TData>> ImportAsync(TData data);

    /// <summary>The stored item, or null when unknown or withdrawn.</summary>
    Task<Stored<TData>?> GetAsync();

}
