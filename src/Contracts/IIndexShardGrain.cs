using Orleans.Concurrency;

namespace Matching.Contracts;

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

    /// <summary>The version of one item as indexed here and the mark of its kept list, or null when it is not indexed.</summary>
    Task<(long Version, KeptMark Mark)?> MarkOfAsync(string id);

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

    /// <summary>Items of this shard as candidates for the query, whatever their rank or the hard rules; those not indexed are left out.</summary>
    Task<IndexAnswer> ScoreAsync(string[] ids, IndexQuery query);

    /// <summary>This shard's live counts of its items (for a statistics snapshot).</summary>
    Task<CorpusCounts> GetCountsAsync();

    /// <summary>
    /// Scores with <paramref name="snapshot"/> from now on, reweighing every item; an older or equal version is ignored.
    /// Work in proportion to the shard (seconds at 125,000 items), hence a response timeout beyond the default 30 s.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task UseStatisticsAsync(StatisticsSnapshot snapshot);

    /// <summary>The ids of this shard's items whose lists a bulk import deferred (<see cref="KeptMark.Deferred"/>).</summary>
    Task<string[]> DeferredIdsAsync();

    /// <summary>Up to <paramref name="count"/> ids of this shard's items, chosen at random by <paramref name="seed"/>; every id when count is 0.</summary>
    Task<string[]> SampleIdsAsync(int count, int seed);

    /// <summary>
    /// How many items and postings the shard holds. Interleaves, so that it answers while the shard reweighs
    /// (<see cref="UseStatisticsAsync"/>): status and readiness read it.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardStats> GetStatsAsync();
}
