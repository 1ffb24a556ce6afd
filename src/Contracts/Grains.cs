namespace Matching.Contracts;

/// <summary>What every offer and need grain answers, whatever its fields.</summary>
public interface IItemGrain : IGrainWithStringKey
{
    /// <summary>Withdraws the item from storage and every index; false when it was not stored.</summary>
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
    /// Returns the list's new mark for the caller to deliver to the item's shard, or null when it did not change.
    /// </summary>
    Task<KeptMark?> ConsiderAsync(Proposal proposal);

    /// <summary>Computes this item's kept list again from the index (a sweep after a bulk import); nothing when not stored.</summary>
    Task RefreshAsync();
}

/// <summary>The authoritative record of one offer or need, keyed <c>{tenant}/{id}</c>.</summary>
/// <typeparam name="TData">The item's fields: <see cref="OfferData"/> or <see cref="NeedData"/>.</typeparam>
public interface IItemGrain<TData> : IItemGrain
{
    /// <summary>Validates, stores and indexes the item; acknowledged only once storage has it.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<PutResult<TData>> PutAsync(TData data);

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
    /// <summary>Adds or replaces one item's entry with the mark of its kept list (unsettled while the list is computed).</summary>
    Task UpsertAsync(IndexEntry entry, KeptMark mark);

    /// <summary>Removes one item's entry and the mark of its kept list, if present.</summary>
    Task RemoveAsync(string id);

    /// <summary>The current entry of one item, or null when it is not indexed (withdrawn).</summary>
    Task<IndexEntry?> GetEntryAsync(string id);

    /// <summary>The version of the item as indexed here, or null when it is not indexed.</summary>
    Task<long?> VersionOfAsync(string id);

    /// <summary>Records the state of one item's kept list (see <see cref="KeptMark"/>).</summary>
    Task MarkAsync(string id, KeptMark mark);

    /// <summary>Records the states of several items' kept lists at once.</summary>
    Task MarkManyAsync((string Id, KeptMark Mark)[] marks);

    /// <summary>
    /// The kept lists of this shard that a change of an item of the other side affects: those it may now enter
    /// (its score reaches their floor), those that hold it, and those being computed. <paramref name="entry"/> is
    /// the item as it now is, or null when it was withdrawn.
    /// </summary>
    Task<(string OwnerId, Proposal Proposal)[]> AffectedByAsync(string id, IndexEntry? entry);

    /// <summary>First-phase retrieval: the best items of this shard for the query that pass the hard rules.</summary>
    Task<IndexAnswer> QueryAsync(IndexQuery query);

    /// <summary>One item of this shard as a candidate for the query, whatever its rank; null when it is not indexed.</summary>
    Task<Candidate?> ScoreAsync(string id, IndexQuery query);

    /// <summary>This shard's live counts of its items (for a statistics snapshot).</summary>
    Task<CorpusCounts> GetCountsAsync();

    /// <summary>Scores with <paramref name="snapshot"/> from now on, reweighing every item; an older or equal version is ignored.</summary>
    Task UseStatisticsAsync(StatisticsSnapshot snapshot);

    /// <summary>The ids of this shard's items whose lists a bulk import deferred (<see cref="KeptMark.Deferred"/>).</summary>
    Task<string[]> DeferredIdsAsync();

    /// <summary>Up to <paramref name="count"/> ids of this shard's items, chosen at random by <paramref name="seed"/>; every id when count is 0.</summary>
    Task<string[]> SampleIdsAsync(int count, int seed);

    /// <summary>How many items and postings the shard holds.</summary>
    Task<ShardStats> GetStatsAsync();
}

/// <summary>
/// Carries the changes of one side's items to the other side's kept shortlists, keyed like the index shard of
/// the changed items (<c>{tenant}/offers/{n}</c>). Work is queued by item id, so a burst of changes to one item
/// costs one propagation, and the changes of one item are carried in order.
/// </summary>
public interface IPropagatorGrain : IGrainWithStringKey
{
    /// <summary>Queues the propagation of an item's current state (changed or withdrawn); returns at once.</summary>
    Task EnqueueAsync(string id);

    /// <summary>
    /// Queues the computation of kept lists of this shard's items from the index: every item's when
    /// <paramref name="all"/>, otherwise only those a bulk import deferred. Returns at once.
    /// </summary>
    Task SweepAsync(bool all);

    /// <summary>A bulk batch is being imported: a waiting sweep does not start before the batch asks for its own.</summary>
    Task HoldSweepAsync();

    /// <summary>Items waiting or being carried (changes and sweeps), and the age of the oldest.</summary>
    Task<Backlog> GetBacklogAsync();
}

/// <summary>Stateless entry point for work that belongs to no single item: ad-hoc shortlists and status.</summary>
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>The best offers for a need that is not stored. Nothing is written.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<Shortlist> ShortlistForNeedAsync(string tenant, NeedData need, int k);

    /// <summary>
    /// After a bulk import of <paramref name="imported"/>: queues the computation of every kept list of the other
    /// side and of the imported items' own lists, in the background; the backlog counts them until done.
    /// </summary>
    Task SweepAfterImportAsync(string tenant, Side imported);

    /// <summary>
    /// Before a bulk batch of either side: the sweeps earlier batches asked for (of both sides) wait for this batch
    /// to end (<see cref="SweepAfterImportAsync"/>).
    /// </summary>
    Task ImportStartingAsync(string tenant);

    /// <summary>
    /// After a model activation: queues the recomputation of every kept list of both sides in the background (the
    /// backlog counts them until done), so that lists are rescored and their changes pushed without waiting for a read.
    /// </summary>
    Task RefreshAllAsync(string tenant);

    /// <summary>Counts, shard layout, model and backlog of one tenant.</summary>
    Task<TenantStatus> GetStatusAsync(string tenant);

    /// <summary>
    /// Compares kept shortlists with fresh computations (items, order and scores): every item of both sides when
    /// <paramref name="sample"/> is 0, otherwise about that many per side. Meaningful once the backlog is zero,
    /// which the report's <see cref="ConsistencyReport.BacklogBefore"/> shows.
    /// </summary>
    [ResponseTimeout("00:30:00")] // a scan of every list; other calls fail over within the cluster's 10 s timeout
    Task<ConsistencyReport> CheckAsync(string tenant, int sample, int seed);

    /// <summary>
    /// The pair features of a stored need and a stored offer under the active model, as a shortlist serving the
    /// pair now computes them, with the model's version: what feedback records. Null when either is not stored.
    /// </summary>
    Task<ServedPair?> PairAsync(string tenant, string needId, string offerId);
}

/// <summary>A pair as the active model sees it: its version, its score in [0, 1] and each named feature's value.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ServedPair")]
public sealed record ServedPair(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] double Score,
    [property: Id(2)] string[] FeatureNames,
    [property: Id(3)] float[] Features);
