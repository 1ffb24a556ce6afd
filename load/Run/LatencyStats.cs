using HdrHistogram;

namespace Matching.Load.Run;

/// <summary>Percentiles of one histogram, in milliseconds.</summary>
public sealed class LatencyStats(HistogramBase histogram)
{
    public long Count => histogram.TotalCount;

    public double AtPercentileMs(double percentile) => Count == 0 ? 0
        : Recorder.Ms(percentile >= 100 ? histogram.GetMaxValue() : histogram.GetValueAtPercentile(percentile));

    public double MeanMs => Count == 0 ? 0 : Math.Round(histogram.GetMean() / 1000, 3);

    public LatencySummary Summary() => new(Count, AtPercentileMs(50), AtPercentileMs(90), AtPercentileMs(99), AtPercentileMs(99.9), AtPercentileMs(100), MeanMs);

    /// <summary>The percentile distribution (HdrHistogram's percentile iteration, 5 steps per halving of the distance to 100%).</summary>
    public IReadOnlyList<PercentilePoint> Distribution() => Count == 0 ? []
        : histogram.Percentiles(5).Select(v => new PercentilePoint(Math.Round(v.Percentile, 5), Recorder.Ms(v.ValueIteratedTo))).ToList();
}
