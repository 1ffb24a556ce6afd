namespace Matching.Load.Adhoc;

/// <summary>The load phase: wall time, and the process's CPU time and GC pauses over it (all cores).</summary>
public sealed record LoadResult(int Offers, double Seconds, double OffersPerSecond, int Concurrency, double CpuSeconds, double GcPauseSeconds, int Gen2Collections);
