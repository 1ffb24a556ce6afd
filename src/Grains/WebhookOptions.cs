namespace Matching.Grains;

/// <summary>How webhooks are delivered, bound from the "Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts per change before it is dropped (and counted): with the defaults about six minutes of backoff, so a
    /// receiver that is down for a deploy loses nothing, and one that is gone does not pin the queue forever.
    /// </summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long one POST may take, response headers included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
