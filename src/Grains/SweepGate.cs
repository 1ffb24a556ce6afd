namespace Matching.Grains;

/// <summary>
/// Lets single writes and their propagations in this silo go before a sweep. Both ask the same shards, and a grain
/// serves its mailbox in order, so while a full-size sweep ran an admitted write's propagation waited behind the
/// sweep's queries for 2.4 s on average (docs/benchmarks.md, "Issue 19, eighth part"). A sweep wave waits while any
/// write admitted in this silo has not queued its change (it stores its item and computes its own list first) or
/// any propagation is queued or running, but never longer than <see cref="MaxHold"/>, so that a steady stream of
/// writes slows a sweep down and does not stop it.
/// </summary>
public sealed class SweepGate(TimeProvider clock)
{
    /// <summary>The longest a sweep wave waits for writes' propagations.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(2);

    private long _propagations;
    private readonly AdmittedWrites _admitted = new(clock); // one per silo, shared by its propagators: locked

    /// <summary>How many writes' propagations are queued or running in this silo.</summary>
    public long Propagations => Interlocked.Read(ref _propagations);

    /// <summary>A propagator's count of queued or running propagations changed by <paramref name="delta"/>.</summary>
    public void Add(long delta) => Interlocked.Add(ref _propagations, delta);

    /// <summary>A single write was admitted now.</summary>
    public void Admitted()
    {
        lock (_admitted)
        {
            _admitted.Admit();
        }
    }

    /// <summary>A change was queued: an admitted write's, taken to be the oldest.</summary>
    public void Queued()
    {
        lock (_admitted)
        {
            _admitted.Queued();
        }
    }

    /// <summary>Whether a sweep wave that has waited since <paramref name="since"/> (a timestamp of the clock) waits on.</summary>
    public bool Holds(long since) => (Propagations > 0 || WritesNotQueued() > 0) && clock.GetElapsedTime(since) < MaxHold;

    private int WritesNotQueued()
    {
        lock (_admitted)
        {
            return _admitted.Count;
        }
    }
}
