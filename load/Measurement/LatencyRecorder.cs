using HdrHistogram;

namespace Matching.Load.Measurement;

/// <summary>Records latencies in microseconds into an HdrHistogram (3 significant digits, up to 60 s); safe from several workers.</summary>
public sealed class LatencyRecorder
{
    private const long HighestUs = 60_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestUs, 3);

    public void Record(TimeSpan elapsed) =>
        _histogram.RecordValue(Math.Clamp((long)Math.Round(elapsed.TotalMicroseconds), 1, HighestUs));

    public LatencySummary Summarize() => _histogram.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            _histogram.TotalCount,
            _histogram.GetValueAtPercentile(50),
            _histogram.GetValueAtPercentile(90),
            _histogram.GetValueAtPercentile(99),
            _histogram.GetValueAtPercentile(99.9),
            _histogram.GetMaxValue(),
            Math.Round(_histogram.GetMean(), 1));
}
