using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>
/// The head of one tenant's feedback log, keyed by the tenant: it orders appends and knows the segment being
/// written. Its own state is one number, written only when a segment fills.
/// </summary>
public interface IFeedbackLogGrain : IGrainWithStringKey
{
    /// <summary>Appends one event to the current segment (opening the next when it is full); returns the stored record.</summary>
    Task<FeedbackRecord> AppendAsync(FeedbackEvent e);

    /// <summary>The number of the segment being written (0 for an empty log): no segment after it holds events.</summary>
    [AlwaysInterleave]
    Task<long> GetCurrentSegmentAsync();
}
