namespace Matching.Grains;

/// <summary>
/// Bulk batches in flight, which hold back work that would be wasted under them (sweeps, statistics refreshes):
/// held while any batch that began has not ended, at most <c>hold</c> after the latest began (in case a batch's
/// caller was lost and never says it ended), and for <c>quiet</c> after the last one ended, since an import's next
/// batch follows within milliseconds. The quiet time does not count the process's GC pauses: at a million items a
/// pause of several seconds otherwise looked like the end of the import, and a statistics refresh ran under it.
/// Plain: the grains call it.
/// </summary>
public sealed class BatchHold(TimeSpan hold, TimeSpan quiet, TimeProvider clock, Func<TimeSpan>? pauses = null)
{
    /// <summary>
    /// How long a batch that began holds if it never says it ended (its API process was lost): longer than a batch of
    /// 10,000 items takes, short enough not to matter.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private readonly Func<TimeSpan> _pauses = pauses ?? GC.GetTotalPauseDuration;
    private int _batches;
    private long _until; // timestamp; 0 when no batch is in flight
    private long _ended; // when the last batch ended (timestamp); 0: none has
    private TimeSpan _pausedBefore; // the process's GC pauses in all when it ended

    /// <summary>A batch has begun.</summary>
    public void Begin()
    {
        _batches++;
        _until = clock.GetTimestamp() + Ticks(hold);
    }

    /// <summary>A batch has ended (also when it failed); an end without a begin changes nothing.</summary>
    public void End()
    {
        if (_batches == 0)
        {
            return;
        }

        if (--_batches == 0)
        {
            (_until, _ended, _pausedBefore) = (0, clock.GetTimestamp(), _pauses());
        }
    }

    /// <summary>When the hold lifts at the latest (a timestamp), or 0 when nothing holds.</summary>
    public long Until
    {
        get
        {
            var now = clock.GetTimestamp();
            if (_until != 0 && now < _until)
            {
                return _until;
            }

            var quietEnds = _ended == 0 ? 0 : _ended + Ticks(quiet + (_pauses() - _pausedBefore));
            return now < quietEnds ? quietEnds : 0;
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}
