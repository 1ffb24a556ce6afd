namespace Matching.Grains;

/// <summary>
/// Admission control of single writes: one is refused while the oldest change waiting in the propagation queue it
/// would join is older than the bound, so that an overloaded box says so instead of breaking its freshness silently.
/// </summary>
public static class WriteAdmission
{
    /// <summary>The longest wait a refusal asks for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Zero admits the write; otherwise the wait to ask for: how far the oldest change is past the bound, in whole seconds.</summary>
    public static TimeSpan RetryAfter(TimeSpan oldestChange, TimeSpan bound)
    {
        if (oldestChange <= bound)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Ceiling((oldestChange - bound).TotalSeconds);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, MaxRetryAfter.TotalSeconds));
    }
}
