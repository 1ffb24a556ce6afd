namespace Matching.Contracts;

/// <summary>Delivery counts of one webhook, summed over the dispatchers that answered (kept in memory since each silo started).</summary>
/// <param name="Delivered">POSTs answered with 2xx.</param>
/// <param name="FailedAttempts">POSTs that failed (network error, timeout or non-2xx); each is retried until it succeeds, is superseded or gives up.</param>
/// <param name="Pending">Changes waiting to be delivered (at most one per item: a newer change replaces an undelivered older one).</param>
/// <param name="Dropped">Changes never delivered: the pending queue was full, or the retries ran out.</param>
/// <param name="LastError">The latest failure, or null.</param>
/// <param name="LastErrorAt">When it happened.</param>
[GenerateSerializer, Immutable, Alias("Matching.WebhookStats")]
public sealed record WebhookStats(
    long Delivered,
    long FailedAttempts,
    long Pending,
    long Dropped,
    string? LastError,
    DateTimeOffset? LastErrorAt)
{
    /// <summary>Nothing delivered, nothing pending.</summary>
    public static readonly WebhookStats Zero = new(0, 0, 0, 0, null, null);

    /// <summary>Sums two partitions' counts; the later error wins.</summary>
    public WebhookStats Add(WebhookStats other) => new(
        Delivered + other.Delivered, FailedAttempts + other.FailedAttempts, Pending + other.Pending, Dropped + other.Dropped,
        (other.LastErrorAt ?? DateTimeOffset.MinValue) > (LastErrorAt ?? DateTimeOffset.MinValue) ? other.LastError : LastError,
        (other.LastErrorAt ?? DateTimeOffset.MinValue) > (LastErrorAt ?? DateTimeOffset.MinValue) ? other.LastErrorAt : LastErrorAt);
}
