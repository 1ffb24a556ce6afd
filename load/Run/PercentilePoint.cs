namespace Matching.Load.Run;

public sealed record PercentilePoint(double Percentile, double Ms);
