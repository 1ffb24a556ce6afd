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
    public void A_write_waits_for_as_long_as_the_oldest_change_is_past_the_bound(int oldestMs, int retryAfterSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), WriteAdmission.RetryAfter(TimeSpan.FromMilliseconds(oldestMs), Bound));
    }

    [Fact]
    public void A_bound_of_zero_refuses_behind_any_waiting_change()
    {
        Assert.Equal(TimeSpan.Zero, WriteAdmission.RetryAfter(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), WriteAdmission.RetryAfter(TimeSpan.FromTicks(1), TimeSpan.Zero));
    }
}
