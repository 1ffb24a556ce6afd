using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>
/// One per tenant (keyed by the tenant): the statistics snapshot its index shards score with. Shards keep live,
/// exact counts of their own items and say when theirs have drifted (changes since the snapshot reach
/// <c>Matching:StatisticsDrift</c> of their size); the grain then takes a new snapshot from every offers shard,
/// hands it to every shard of both sides, which reweigh their items, and has every kept list recomputed, as a
/// model activation does. Until that recomputation is queued the status backlog counts the refresh.
/// </summary>
public interface IStatisticsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A shard's counts have drifted: a refresh runs after a quiet moment. Returns at once, and never waits behind a
    /// refresh (which calls the shards), so that a write is acknowledged only once its refresh is counted as due.
    /// </summary>
    [AlwaysInterleave]
    Task DriftedAsync();

    /// <summary>A bulk batch has begun: a due refresh waits until every batch that began has ended.</summary>
    [AlwaysInterleave]
    Task BatchStartedAsync();

    /// <summary>A bulk batch has ended: a refresh that is due runs once the import has been quiet (<c>Matching:SweepQuiet</c>).</summary>
    [AlwaysInterleave]
    Task BatchEndedAsync();

    /// <summary>Takes a new snapshot now and applies it (as a drift would, without waiting); returns its version.</summary>
    Task<long> RefreshAsync();

    /// <summary>The current snapshot (a shard that starts reads it; never waits behind a refresh).</summary>
    [AlwaysInterleave]
    Task<StatisticsSnapshot> GetAsync();

    /// <summary>The current snapshot's summary and whether a refresh is due.</summary>
    [AlwaysInterleave]
    Task<StatisticsStatus> GetStatusAsync();
}
