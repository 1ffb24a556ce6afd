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
    public void A_write_waits_for_as_long_as_its_expected_wait_is_past_the_bound(int waitMs, int retryAfterSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), WriteAdmission.RetryAfter(TimeSpan.FromMilliseconds(waitMs), Bound));
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
        // 400 changes of 20 ms each, 4 at a time: the last waits 2 s though the head has waited only 300 ms.
        var wait = WriteAdmission.ExpectedWait(TimeSpan.FromMilliseconds(300), 400, TimeSpan.FromMilliseconds(20), 4);

        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.Equal(TimeSpan.FromSeconds(1), WriteAdmission.RetryAfter(wait, Bound));
    }

    [Fact]
    public void A_queue_that_does_not_move_is_judged_by_its_oldest_change()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), WriteAdmission.ExpectedWait(TimeSpan.FromSeconds(5), 1, TimeSpan.FromMilliseconds(20), 4));
    }
}
