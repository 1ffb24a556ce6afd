namespace Matching.Grains;

/// <summary>
/// Counts the offers and needs deactivated in this silo and says when enough have gone to be worth a full
/// compacting collection. Their kept lists are then garbage in the oldest generation, which the GC may not collect
/// for a long time, and server GC keeps the memory it took: at 100,000 + 100,000 the resident set stayed at 4.7 GB
/// with 1.5 GB live until a full collection, then fell to 2.1 GB (docs/benchmarks.md, issue 19).
/// </summary>
public sealed class MemoryTrim(int afterItems)
{
    private long _deactivated;

    /// <summary>One offer or need was deactivated.</summary>
    public void ItemDeactivated() => Interlocked.Increment(ref _deactivated);

    /// <summary>True, once, when at least the configured number of items were deactivated since it last was (never if that number is 0).</summary>
    public bool TakeDue()
    {
        if (afterItems <= 0 || Volatile.Read(ref _deactivated) < afterItems)
        {
            return false;
        }

        Interlocked.Exchange(ref _deactivated, 0);
        return true;
    }
}
