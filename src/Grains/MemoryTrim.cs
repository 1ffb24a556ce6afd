namespace Matching.Grains;

/// <summary>
/// Counts the offers and needs deactivated in this silo and says when enough have gone to be worth a full
/// compacting collection. Their kept lists are then garbage in the oldest generation, which the GC may not collect
/// for a long time, and server GC keeps the memory it took: at 100,000 + 100,000 the resident set stayed at 4.7 GB
/// with 1.5 GB live until a full collection, then fell to 2.1 GB (docs/benchmarks.md, issue 19). The collection's
/// pause grows with the heap (6-7 s at 8 GB committed), so a trim also waits <see cref="PauseRatio"/> times the
/// last one's pause: trims stop the process for at most a twentieth of the time, at any size.
/// </summary>
public sealed class MemoryTrim(int afterItems, TimeProvider clock)
{
    /// <summary>How many times its pause the time from one trim to the next is at least.</summary>
    public const int PauseRatio = 20;

    private long _deactivated;
    private long _lastEnded; // timestamp of the last trim's end; 0: none yet
    private TimeSpan _lastPause;

    /// <summary>One offer or need was deactivated.</summary>
    public void ItemDeactivated() => Interlocked.Increment(ref _deactivated);

    /// <summary>
    /// True, once, when at least the configured number of items were deactivated since it last was (never if that
    /// number is 0) and the last trim is long enough ago; the caller then trims and says so (<see cref="Trimmed"/>).
    /// </summary>
    public bool TakeDue()
    {
        if (afterItems <= 0 || Volatile.Read(ref _deactivated) < afterItems
            || (_lastEnded != 0 && clock.GetElapsedTime(_lastEnded) < _lastPause * PauseRatio))
        {
            return false;
        }

        Interlocked.Exchange(ref _deactivated, 0);
        return true;
    }

    /// <summary>A trim has ended, after pausing the process for <paramref name="pause"/>.</summary>
    public void Trimmed(TimeSpan pause) => (_lastPause, _lastEnded) = (pause, clock.GetTimestamp());
}
