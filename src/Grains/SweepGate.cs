namespace Matching.Grains;

/// <summary>
/// Lets single writes and their propagations in this silo go before a sweep. Both ask the same shards, and a grain
/// serves its mailbox in order, so while a full-size sweep ran an admitted write's propagation waited behind the
/// sweep's queries for 2.4 s on average (docs/benchmarks.md, "Issue 19, eighth part"). A sweep wave waits while any
/// admitted write is under way in this silo (it stores its item, indexes it and computes its own list before its
/// change queues) or any propagation is queued or running, but never longer than <see cref="MaxHold"/>, so that a
/// steady stream of writes slows a sweep down and does not stop it.
/// </summary>
public sealed class SweepGate(TimeProvider clock)
{
    /// <summary>The longest a sweep wave waits for writes' propagations.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);

    private long _propagations;
    private long _writes;

    /// <summary>How many writes' propagations are queued or running in this silo.</summary>
    public long Propagations => Interlocked.Read(ref _propagations);

    /// <summary>How many admitted writes are under way in this silo.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>A propagator's count of queued or running propagations changed by <paramref name="delta"/>.</summary>
    public void Add(long delta) => Interlocked.Add(ref _propagations, delta);

    /// <summary>An admitted write began storing its item.</summary>
    public void WriteStarted() => Interlocked.Increment(ref _writes);

    /// <summary>An admitted write ended, its change queued or its store failed.</summary>
    public void WriteEnded() => Interlocked.Decrement(ref _writes);

    /// <summary>Whether a sweep wave that has waited since <paramref name="since"/> (a timestamp of the clock) waits on.</summary>
    public bool Holds(long since) => (Propagations > 0 || Writes > 0) && clock.GetElapsedTime(since) < MaxHold;
}
