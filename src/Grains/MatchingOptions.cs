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

    /// <summary>The longest a sweep waits for quiet once requested: an import that never pauses is swept this often.</summary>
    public TimeSpan SweepMaxWait { get; set; } = TimeSpan.FromMinutes(5);
}
