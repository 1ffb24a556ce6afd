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

    [Fact]
    public void A_growing_queue_is_refused_before_its_head_is_old()
    {
        // 400 changes of 20 ms each, 4 at a time: the last reaches its lists after 2.02 s though the head has waited only 300 ms.
        var lag = WriteAdmission.ExpectedLag(TimeSpan.FromMilliseconds(300), 400, 4, TimeSpan.FromMilliseconds(20), 4);

        Assert.Equal(TimeSpan.FromMilliseconds(2020), lag);
        Assert.Equal(TimeSpan.FromSeconds(2), WriteAdmission.RetryAfter(lag, Bound));
    }

    [Fact]
    public void A_queue_that_does_not_move_is_judged_by_its_oldest_change()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), WriteAdmission.ExpectedLag(TimeSpan.FromSeconds(5), 1, 4, TimeSpan.FromMilliseconds(20), 4));
    }

    [Fact]
    public void Jobs_longer_than_the_bound_refuse_writes_even_with_a_job_free()
    {
        // Right after an import a job restores dozens of cold lists: 1.5 s each, so an admitted write would be 1.5 s late.
        var lag = WriteAdmission.ExpectedLag(TimeSpan.FromMilliseconds(100), 0, 1, TimeSpan.FromMilliseconds(1500), 4);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), lag);
        Assert.Equal(TimeSpan.FromSeconds(1), WriteAdmission.RetryAfter(lag, Bound));
    }

    [Fact]
    public void A_free_job_waits_for_nothing_but_its_own_duration()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(80), WriteAdmission.ExpectedLag(TimeSpan.FromMilliseconds(30), 0, 3, TimeSpan.FromMilliseconds(80), 4));
    }

    [Fact]
    public void An_idle_propagator_admits_whatever_its_last_jobs_took()
    {
        // Its duration may date from an overload that is over; only an admitted job measures it again.
        var lag = WriteAdmission.ExpectedLag(TimeSpan.Zero, 0, 0, TimeSpan.FromSeconds(30), 4);

        Assert.Equal(TimeSpan.Zero, WriteAdmission.RetryAfter(lag, Bound));
    }
}
