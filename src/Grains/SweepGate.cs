namespace Matching.Grains;

/// <summary>
/// Lets single writes' propagations in this silo go before a sweep. Both ask the same shards, and a grain serves its
/// mailbox in order, so while a full-size sweep ran an admitted write's propagation waited behind the sweep's
/// queries for 2.4 s on average (docs/benchmarks.md, "Issue 19, eighth part"). A sweep wave waits while any
/// propagation is queued or running, but never longer than <see cref="MaxHold"/>, so that a steady stream of writes
/// slows a sweep down and does not stop it.
/// </summary>
public sealed class SweepGate(TimeProvider clock)
{
    /// <summary>The longest a sweep wave waits for writes' propagations.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);

    private long _propagations;

    /// <summary>How many writes' propagations are queued or running in this silo.</summary>
    public long Propagations => Interlocked.Read(ref _propagations);

    /// <summary>A propagator's count of queued or running propagations changed by <paramref name="delta"/>.</summary>
    public void Add(long delta) => Interlocked.Add(ref _propagations, delta);

    /// <summary>Whether a sweep wave that has waited since <paramref name="since"/> (a timestamp of the clock) waits on.</summary>
    public bool Holds(long since) => Propagations > 0 && clock.GetElapsedTime(since) < MaxHold;
}
