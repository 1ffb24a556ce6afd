using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>
/// At most <see cref="FeedbackLog.SegmentCapacity"/> consecutive events of a tenant's log, keyed
/// <c>{tenant}/{n}</c>; event <c>i</c> of segment <c>n</c> has sequence <c>n × capacity + i</c>.
/// Only the tenant's <see cref="IFeedbackLogGrain"/> appends.
/// </summary>
public interface IFeedbackSegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the event as this segment's next; null when the segment is full (nothing stored).</summary>
    Task<FeedbackRecord?> AppendAsync(FeedbackEvent e);

    /// <summary>Up to <paramref name="max"/> records from position <paramref name="from"/> on, in order.</summary>
    [ReadOnly]
    Task<FeedbackRecord[]> ReadAsync(int from, int max);
}
