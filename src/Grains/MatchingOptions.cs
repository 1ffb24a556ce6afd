namespace Matching.Grains;

/// <summary>Silo-side settings, bound from the "Matching" configuration section.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// Index shards per side and tenant. Fixed for the life of the data: an item's shard is its id's hash
    /// modulo this number. More shards spread one side over more silos and cores.
    /// </summary>
    public int ShardCount { get; set; } = 8;

    /// <summary>
    /// Items a kept list holds beyond the <see cref="Contracts.KeptShortlist.Capacity"/> it serves, so that losing or
    /// lowering one takes the next from memory instead of asking every shard again. More costs memory per item and
    /// work per change; fewer costs more computations from the index (<c>load -- realtime</c> reports both).
    /// </summary>
    public int KeptReserve { get; set; } = 10;

    /// <summary>
    /// How long the sweeps after a bulk batch (every list of the other side, the batch's own deferred lists) and
    /// after a model activation wait for the next batch: batches that arrive one after another share one sweep
    /// instead of each recomputing every list, and a batch is not slowed down by the sweep of the one before. The
    /// status backlog counts the waiting sweep from the first request.
    /// </summary>
    public TimeSpan SweepQuiet { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest a sweep waits for quiet once requested: writes that never pause are swept this often. Bulk batches
    /// still hold it (one in flight, or one ended less than <see cref="SweepQuiet"/> ago), so an import longer than
    /// this is swept after its last batch.
    /// </summary>
    public TimeSpan SweepMaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The share by which an offers shard's number of items grows or shrinks since the statistics snapshot at which
    /// it asks for a new one. A refresh reweighs every item and recomputes every kept list (535 s of a 2-core silo at
    /// 100,000 + 100,000, docs/benchmarks.md), so it is kept rare: a growing corpus is refreshed every 10%.
    /// </summary>
    public double StatisticsDrift { get; set; } = 0.1;

    /// <summary>
    /// The share of an offers shard's items rewritten with other terms (or replaced) at which it asks for a new
    /// snapshot though its size stayed: at the default, once a whole corpus's worth of rewrites has happened.
    /// </summary>
    public double StatisticsTurnover { get; set; } = 1.0;

    /// <summary>How long a refresh waits after the first drift is reported, so that a burst of writes shares one.</summary>
    public TimeSpan StatisticsQuiet { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long an offer or need stays in memory after its last call before Orleans deactivates it (Orleans'
    /// default for every grain is 15 minutes). An active item holds its record, text profile and kept list: about
    /// 23 KB in all at 100,000 + 100,000, against 7 KB for an idle one (docs/benchmarks.md, issue 19). One
    /// collected is read again from storage when next called, and its list computed again from the index. Shorter
    /// keeps memory to the items in use (a large corpus, few reads); longer saves the recomputations that changes
    /// on the other side cause in idle lists. An item that only bulk imports and sweeps have called leaves as soon as
    /// it is idle, whatever this age: an import wakes every item.
    /// </summary>
    public TimeSpan ItemIdleAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// After this many offers and needs have been deactivated (idle for <see cref="ItemIdleAge"/>), the silo runs one
    /// full compacting collection that returns the memory they held to the system; 0: never. Its pause stops the
    /// process (logged), so it is kept to large departures, and the next waits at least twenty times the last one's
    /// pause (<see cref="MemoryTrim.PauseRatio"/>).
    /// </summary>
    public int MemoryTrimItems { get; set; } = 50_000;

    /// <summary>
    /// Admission control: a single PUT or DELETE (or a batch below the bulk size) is refused with 503 and
    /// Retry-After while a change joining its shard's propagation queue would reach its lists later than this (its wait
    /// for a free job plus a job's recent duration, or the oldest change's age: <see cref="WriteAdmission"/>), so that writes
    /// beyond what the box can propagate are pushed back instead of making every kept list stale. Bulk imports and
    /// their sweeps are never refused. The default is the freshness bound, 1 s of propagation lag.
    /// </summary>
    public TimeSpan AdmissionBound { get; set; } = TimeSpan.FromSeconds(1);
}
