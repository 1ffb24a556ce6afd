namespace Matching.Load.Run;

/// <summary>What <c>--load</c> did: items and batches, seconds until acknowledged and until the backlog was zero, batches sent again after a 503.</summary>
public sealed record LoadSummary(long Items, int Batches, double AcknowledgedSeconds, double QuietSeconds, bool Quiet, int Retries);
