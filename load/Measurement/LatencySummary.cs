namespace Matching.Load.Measurement;

/// <summary>Percentiles of one series of latencies, in microseconds.</summary>
public sealed record LatencySummary(long Count, long P50Us, long P90Us, long P99Us, long P999Us, long MaxUs, double MeanUs);
