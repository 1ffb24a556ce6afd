namespace Matching.Grains;

/// <summary>
/// Admission control of single writes: one is refused while a change joining its propagation queue now would reach
/// its lists later than the bound, so that an overloaded box says so instead of breaking its freshness silently.
/// </summary>
public static class WriteAdmission
{
    /// <summary>The longest wait a refusal asks for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long after joining the queue now a change would reach its lists: its wait for a free job (the queue's changes
    /// times a job's recent duration, over the jobs that run at once; none while one is free) plus a job's own duration;
    /// or the oldest change's age, when longer (a queue that is not moving). Zero when nothing is queued or running:
    /// an idle propagator admits, and the job re-measures a duration that may be stale (else one measured under a
    /// past overload would refuse every write for good).
    /// </summary>
    public static TimeSpan ExpectedLag(TimeSpan oldestChange, int queued, int running, TimeSpan jobDuration, int parallelJobs)
    {
        if (queued + running == 0)
        {
            return TimeSpan.Zero;
        }

        var wait = queued + running < parallelJobs ? 0 : queued * jobDuration.Ticks / parallelJobs;
        return TimeSpan.FromTicks(Math.Max(oldestChange.Ticks, wait + jobDuration.Ticks));
    }

    /// <summary>
    /// A job's duration as admission counts it, after a job that took <paramref name="measured"/>: a longer one is taken
    /// at once, a shorter one lowers it by a tenth of the difference. So the estimate follows the slow jobs of the
    /// recent past, not their mean, and an admitted write is less often later than it says (right after an import, 37-69%
    /// of admitted writes were over the bound with the mean, 34-51% with this: docs/benchmarks.md, tenth part).
    /// </summary>
    public static TimeSpan JobDuration(TimeSpan current, TimeSpan measured) =>
        measured >= current ? measured : (current * 0.9) + (measured * 0.1);

    /// <summary>Zero admits the write; otherwise the wait to ask for: how far past the bound the lag is, in whole seconds.</summary>
    public static TimeSpan RetryAfter(TimeSpan expectedLag, TimeSpan bound)
    {
        if (expectedLag <= bound)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Ceiling((expectedLag - bound).TotalSeconds);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, MaxRetryAfter.TotalSeconds));
    }
}
