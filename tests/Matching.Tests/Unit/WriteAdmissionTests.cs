using Matching.Grains;

namespace Matching.Tests.Unit;

public class WriteAdmissionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 0)] // at the bound: admitted
    [InlineData(1001, 1)] // just past it: wait at least a second
    [InlineData(3500, 3)]
    [InlineData(600_000, 60)] // never more than a minute
    public void A_write_waits_for_as_long_as_its_expected_lag_is_past_the_bound(int lagMs, int retryAfterSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), WriteAdmission.RetryAfter(TimeSpan.FromMilliseconds(lagMs), Bound));
    }

    [Fact]
    public void A_bound_of_zero_refuses_behind_any_waiting_change()
    {
        Assert.Equal(TimeSpan.Zero, WriteAdmission.RetryAfter(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), WriteAdmission.RetryAfter(TimeSpan.FromTicks(1), TimeSpan.Zero));
    }

    [Theory]
    // 400 changes of 20 ms each, 4 at a time: the last reaches its lists after 2.02 s though the head has waited only 300 ms.
    [InlineData(300, 400, 4, 20, 2020)]
    // A queue that does not move is judged by its oldest change.
    [InlineData(5000, 1, 4, 20, 5000)]
    // With a job free, a change waits for nothing but its own job.
    [InlineData(30, 0, 3, 80, 80)]
    // Right after an import a job restores dozens of cold lists under load: 1.5 s, so an admitted write would be late.
    [InlineData(100, 0, 1, 1500, 1500)]
    // An idle propagator admits whatever its last jobs took: that may date from an overload that is over, and only an
    // admitted job measures it again.
    [InlineData(0, 0, 0, 30_000, 0)]
    public void A_change_is_expected_to_reach_its_lists_after_its_wait_for_a_job_and_the_job(int oldestMs, int queued, int running, int jobMs, int lagMs)
    {
        var lag = WriteAdmission.ExpectedLag(TimeSpan.FromMilliseconds(oldestMs), queued, running, TimeSpan.FromMilliseconds(jobMs), 4);

        Assert.Equal(TimeSpan.FromMilliseconds(lagMs), lag);
    }

    [Fact]
    public void A_slow_job_raises_the_duration_at_once_and_fast_ones_lower_it_by_a_tenth()
    {
        var slow = WriteAdmission.JobDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(900));
        var after = WriteAdmission.JobDuration(slow, TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(900), slow);
        Assert.Equal(TimeSpan.FromMilliseconds(820), after);
    }
}
