namespace Matching.Grains;

/// <summary>
/// When a propagator sweeps its lists after a bulk import, so that an import's batches share one sweep: once the
/// import has been quiet for <c>quiet</c> (each request starts the quiet time again), and no later than
/// <c>maxWait</c> after the first request unless a batch is in flight or ended less than <c>quiet</c> ago: batches always
/// hold it (<see cref="BatchHold"/>, itself bounded), since at 1,000,000 + 1,000,000 the needs alone take longer than <c>maxWait</c> to import, and a
/// sweep of their lists before the offers are in is work done twice. Plain: the grain runs the timer.
/// </summary>
public sealed class SweepSchedule(TimeSpan quiet, TimeSpan maxWait, TimeSpan hold, TimeProvider clock, Func<TimeSpan>? pauses = null)
{
    private readonly BatchHold _hold = new(hold, quiet, clock, pauses);
    private long _first; // when the waiting sweep was first asked for; 0: none waits
    private long _due; // when it is due unless asked for again
    private long _latest; // when it is due at the latest
    private bool _all;

    /// <summary>Whether a sweep waits to start.</summary>
    public bool IsWaiting => _first != 0;

    /// <summary>When the waiting sweep was first asked for (a <see cref="TimeProvider"/> timestamp).</summary>
    public long WaitingSince => _first;

    /// <summary>
    /// Asks for a sweep of every list, or of the deferred ones only. Returns true when the request starts a wait (the
    /// caller then asks <see cref="IsDue"/> until it is). A batch in flight still holds it: a statistics refresh or a
    /// model activation asks during an import too.
    /// </summary>
    public bool Request(bool all)
    {
        var now = clock.GetTimestamp();
        _all |= all;
        var starts = _first == 0;
        if (starts)
        {
            _first = now;
            _latest = now + Ticks(maxWait);
        }

        _due = now + Ticks(quiet);
        return starts;
    }

    /// <summary>
    /// Whether a bulk batch is in flight or one ended less than the quiet time ago (<see cref="BatchHold"/>). A running
    /// sweep waits meanwhile: batches follow each other within milliseconds, and when only a batch in flight held it,
    /// a wave of lists started in nearly every gap (15% of the CPU while a million offers went in, all of it done
    /// again by the sweep after the import).
    /// </summary>
    public bool IsHeld => _hold.Until != 0;

    /// <summary>A bulk batch has begun: it takes longer than the quiet time at scale, and the sweep must not start under it.</summary>
    public void Hold() => _hold.Begin();

    /// <summary>A bulk batch has ended (it then asks for its sweep).</summary>
    public void Release() => _hold.End();

    /// <summary>
    /// Whether the waiting sweep is due; if so the wait ends and <paramref name="all"/> says whether it covers every
    /// list (else only the deferred ones). If not, <paramref name="wait"/> is how long to wait before looking again:
    /// never more than the quiet time, since the last batch to end shortens the hold to its quiet time and the wait must
    /// not sleep out the rest of a hold that is gone.
    /// </summary>
    public bool IsDue(out TimeSpan wait, out bool all)
    {
        var left = clock.GetElapsedTime(clock.GetTimestamp(), Math.Max(Math.Min(_due, _latest), _hold.Until));
        if (left >= TimeSpan.Zero)
        {
            (wait, all) = (left < quiet ? left : quiet, false);
            return false;
        }

        (wait, all) = (TimeSpan.Zero, _all);
        (_first, _all) = (0, false);
        return true;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}
