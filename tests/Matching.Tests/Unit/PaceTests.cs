using Matching.Grains;

namespace Matching.Tests.Unit;

public class PaceTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_steady_count_converges_to_its_rate_and_a_stopped_one_decays()
    {
        var pace = new Pace();
        pace.Tick(0, Second);
        Assert.Equal(0, pace.PerSecond);

        for (var i = 1; i <= 30; i++)
        {
            pace.Tick(i * 100, Second);
        }

        Assert.Equal(100, pace.PerSecond, 0);
        pace.Tick(3000, Second);
        Assert.Equal(70, pace.PerSecond, 0); // nothing more in a second: 0.7 of the pace is left
    }

    [Fact]
    public void The_first_rate_is_taken_as_it_is_and_a_late_sample_is_divided_by_the_time_it_covers()
    {
        var pace = new Pace();
        pace.Tick(0, Second);
        pace.Tick(400, TimeSpan.FromSeconds(4));
        Assert.Equal(100, pace.PerSecond, 6);

        pace.Tick(400, TimeSpan.FromSeconds(4));
        Assert.Equal((1 - Pace.Weight) * 100, pace.PerSecond, 6);
    }
}
