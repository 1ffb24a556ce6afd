namespace Matching.Grains;

/// <summary>
/// When a propagator sweeps its lists after a bulk import, so that an import's batches share one sweep: once the
/// import has been quiet for <c>quiet</c> (each request starts the quiet time again), not while a batch holds it
/// (up to <c>hold</c> after the batch began, in case it never says it ended), and never later than <c>maxWait</c>
/// after the first request. Plain: the grain runs the timer.
/// </summary>
public sealed class SweepSchedule(TimeSpan quiet, TimeSpan maxWait, TimeSpan hold, TimeProvider clock)
{
    private long _first; // when the waiting sweep was first asked for; 0: none waits
    private long _due; // when it is due unless asked for again
    private long _latest; // when it is due at the latest
    private long _heldUntil; // a batch is being imported until about then; 0: none
    private bool _all;

    /// <summary>Whether a sweep waits to start.</summary>
    public bool IsWaiting => _first != 0;

    /// <summary>When the waiting sweep was first asked for (a <see cref="TimeProvider"/> timestamp).</summary>
    public long WaitingSince => _first;

    /// <summary>
    /// Asks for a sweep of every list, or of the deferred ones only; the batch that asks has ended. Returns true when
    /// the request starts a wait (the caller then asks <see cref="IsDue"/> until it is).
    /// </summary>
    public bool Request(bool all)
    {
        var now = clock.GetTimestamp();
        _heldUntil = 0;
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

    /// <summary>A bulk batch has begun: it takes longer than the quiet time at scale, and the sweep must not start under it.</summary>
    public void Hold() => _heldUntil = clock.GetTimestamp() + Ticks(hold);

    /// <summary>
    /// Whether the waiting sweep is due; if so the wait ends and <paramref name="all"/> says whether it covers every
    /// list (else only the deferred ones). If not, <paramref name="wait"/> is how long to wait before looking again:
    /// never more than the quiet time, since a batch that ends lifts its hold and the wait must not sleep out the
    /// rest of a hold that is gone.
    /// </summary>
    public bool IsDue(out TimeSpan wait, out bool all)
    {
        var left = clock.GetElapsedTime(clock.GetTimestamp(), Math.Min(Math.Max(_due, _heldUntil), _latest));
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
