namespace Matching.Grains;

/// <summary>
/// Lets single writes and their propagations in this silo go before a sweep. Both ask the same shards, and a grain
/// serves its mailbox in order, so while a full-size sweep ran an admitted write's propagation waited behind the
/// sweep's queries for 2.4 s on average (docs/benchmarks.md, "Issue 19, eighth part"). A sweep wave waits while any
/// propagation is queued or running, or a write was admitted within <see cref="AdmittedHold"/> (it stores its item
/// and computes its own list before its change queues), but never longer than <see cref="MaxHold"/>, so that a
/// steady stream of writes slows a sweep down and does not stop it.
/// </summary>
public sealed class SweepGate(TimeProvider clock)
{
    /// <summary>The longest a sweep wave waits for writes' propagations.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);

    /// <summary>How long an admitted write holds sweep waves before its change is queued.</summary>
    public static readonly TimeSpan AdmittedHold = TimeSpan.FromSeconds(1);

    private long _propagations;
    private long _lastAdmitted = long.MinValue; // timestamp of the clock

    /// <summary>How many writes' propagations are queued or running in this silo.</summary>
    public long Propagations => Interlocked.Read(ref _propagations);

    /// <summary>A propagator's count of queued or running propagations changed by <paramref name="delta"/>.</summary>
    public void Add(long delta) => Interlocked.Add(ref _propagations, delta);

    /// <summary>A single write was admitted now.</summary>
    public void Admitted() => Interlocked.Exchange(ref _lastAdmitted, clock.GetTimestamp());

    /// <summary>Whether a sweep wave that has waited since <paramref name="since"/> (a timestamp of the clock) waits on.</summary>
    public bool Holds(long since) =>
        (Propagations > 0 || (Interlocked.Read(ref _lastAdmitted) != long.MinValue && clock.GetElapsedTime(Interlocked.Read(ref _lastAdmitted)) < AdmittedHold))
        && clock.GetElapsedTime(since) < MaxHold;
}
