namespace Matching.Load.Run;

/// <summary>One second of intended start times: what was sent, how it came out, its latency (ms).</summary>
public sealed record SecondStats(int Second, bool Warmup, long Sent, long Succeeded, long Failed, double? P50Ms, double? P99Ms, double? MaxMs);
