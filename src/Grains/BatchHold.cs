namespace Matching.Grains;

/// <summary>
/// Bulk batches in flight, which hold back work that would be wasted under them (sweeps, statistics refreshes):
/// held while any batch that began has not ended, and at most <c>hold</c> after the latest began, in case a batch's
/// caller was lost and never says it ended. Plain: the grains call it.
/// </summary>
public sealed class BatchHold(TimeSpan hold, TimeProvider clock)
{
    /// <summary>
    /// How long a batch that began holds if it never says it ended (its API process was lost): longer than a batch of
    /// 10,000 items takes, short enough not to matter.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private int _batches;
    private long _until; // timestamp; 0 when no batch is in flight

    /// <summary>A batch has begun.</summary>
    public void Begin()
    {
        _batches++;
        _until = clock.GetTimestamp() + (long)(hold.TotalSeconds * clock.TimestampFrequency);
    }

    /// <summary>A batch has ended (also when it failed); an end without a begin changes nothing.</summary>
    public void End()
    {
        _batches = Math.Max(0, _batches - 1);
        if (_batches == 0)
        {
            _until = 0;
        }
    }

    /// <summary>When the hold lifts at the latest (a timestamp), or 0 when nothing holds.</summary>
    public long Until => _until != 0 && clock.GetTimestamp() < _until ? _until : 0;
}
