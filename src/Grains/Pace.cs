namespace Matching.Grains;

/// <summary>
/// The recent pace of a growing count (lists swept per second), from samples about a second apart: an exponentially
/// weighted mean, so that an estimate of the time left follows a sweep that speeds up or slows down within seconds.
/// </summary>
public sealed class Pace
{
    /// <summary>The weight of the newest sample.</summary>
    public const double Weight = 0.3;

    private long _total;
    private bool _started;
    private bool _measured;

    /// <summary>Per second, recently; 0 before two samples.</summary>
    public double PerSecond { get; private set; }

    /// <summary>Takes the count's total now and the time since the last sample.</summary>
    public void Tick(long total, TimeSpan elapsed)
    {
        if (_started && elapsed > TimeSpan.Zero)
        {
            var rate = (total - _total) / elapsed.TotalSeconds;
            PerSecond = _measured ? (Weight * rate) + ((1 - Weight) * PerSecond) : rate; // the first rate as it is: no warm-up from 0
            _measured = true;
        }

        (_total, _started) = (total, true);
    }
}
