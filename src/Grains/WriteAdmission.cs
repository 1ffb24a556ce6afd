namespace Matching.Grains;

/// <summary>
/// Admission control of single writes: one is refused while a change joining its propagation queue now would wait
/// longer than the bound, so that an overloaded box says so instead of breaking its freshness silently.
/// </summary>
public static class WriteAdmission
{
    /// <summary>The longest wait a refusal asks for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a change joining the queue now would wait: the queue's changes times a job's recent duration, over the
    /// jobs that run at once; or the oldest change's age, when longer (a queue that is not moving).
    /// </summary>
    public static TimeSpan ExpectedWait(TimeSpan oldestChange, int queued, TimeSpan jobDuration, int parallelJobs) =>
        TimeSpan.FromTicks(Math.Max(oldestChange.Ticks, queued * jobDuration.Ticks / parallelJobs));

    /// <summary>Zero admits the write; otherwise the wait to ask for: how far past the bound the wait is, in whole seconds.</summary>
    public static TimeSpan RetryAfter(TimeSpan expectedWait, TimeSpan bound)
    {
        if (expectedWait <= bound)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Ceiling((expectedWait - bound).TotalSeconds);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, MaxRetryAfter.TotalSeconds));
    }
}
