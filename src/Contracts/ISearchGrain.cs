namespace Matching.Contracts;

/// <summary>Stateless entry point for work that belongs to no single item: ad-hoc shortlists, batch imports and status.</summary>
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// From this many items a batch is a bulk import and a sweep: below it, per-item propagation costs less than
    /// computing every list of the other side once.
    /// </summary>
    const int BulkImportItems = 1_000;

    /// <summary>The best offers for a need that is not stored. Nothing is written.</summary>
    /// <exception cref="ArgumentException">The data breaks a rule of <see cref="ItemRules"/>.</exception>
    Task<Shortlist> ShortlistForNeedAsync(string tenant, NeedData need, int k);

    /// <summary>
    /// Writes a batch of valid offers (API.md "Batch import"); each is stored and indexed when this returns. From
    /// <see cref="BulkImportItems"/> items on it is a bulk import: sweeps wait (<see cref="ImportStartingAsync"/>),
    /// items are stored without propagation (<see cref="IItemGrain{TData}.ImportAsync"/>), then one sweep computes
    /// every affected list (<see cref="SweepAfterImportAsync"/>), also when the call is cancelled midway.
    /// </summary>
    /// <exception cref="ArgumentException">An item breaks a rule of <see cref="ItemRules"/>.</exception>
    [ResponseTimeout("00:30:00")] // the load tool sends 100,000 items in one call; a failed silo still fails the call over
    Task ImportOffersAsync(string tenant, BatchItem<OfferData>[] offers, CancellationToken cancellationToken = default);

    /// <summary>Writes a batch of valid needs, as <see cref="ImportOffersAsync"/> writes offers.</summary>
    /// <exception cref="ArgumentException">An item breaks a rule of <see cref="ItemRules"/>.</exception>
    [ResponseTimeout("00:30:00")]
    Task ImportNeedsAsync(string tenant, BatchItem<NeedData>[] needs, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a bulk import of <paramref name="imported"/>: queues the computation of every kept list of the other
    /// side and of the imported items' own lists, in the background; the backlog counts them until done. Ends the
    /// batch that <see cref="ImportStartingAsync"/> began.
    /// </summary>
    Task SweepAfterImportAsync(string tenant, Side imported);

    /// <summary>
    /// Before a bulk batch of either side: sweeps (of both sides) and statistics refreshes wait until every batch
    /// that began has ended (<see cref="SweepAfterImportAsync"/>), since the batch would make their work stale.
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
