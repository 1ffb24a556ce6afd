namespace Matching.Load.Run;

/// <summary>
/// What <c>--load</c> did: items and batches, seconds until acknowledged and until the backlog was zero (null when it
/// was not seen zero: not waited for, or not within the wait), batches sent again after a 503.
/// </summary>
public sealed record LoadSummary(long Items, int Batches, double AcknowledgedSeconds, double? QuietSeconds, int Retries)
{
    /// <summary>The backlog after the import, in words.</summary>
    public string Backlog => QuietSeconds is { } seconds ? $"backlog zero after {seconds:F1} s" : "backlog not seen zero";
}
