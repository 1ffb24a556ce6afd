using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public class AdmittedWritesTests
{
    [Fact]
    public void An_admitted_write_counts_until_it_queues_its_change()
    {
        var admitted = new AdmittedWrites(new FakeTimeProvider());
        admitted.Admit(2); // a small batch's two items of this queue
        Assert.Equal(2, admitted.Count);

        admitted.Queued();
        Assert.Equal(1, admitted.Count);
        admitted.Queued();
        admitted.Queued(); // a change no admission counted (a sweep's, a retry's)
        Assert.Equal(0, admitted.Count);
    }

    [Fact]
    public void A_write_that_never_queues_stops_counting_after_the_hold()
    {
        var clock = new FakeTimeProvider();
        var admitted = new AdmittedWrites(clock);
        admitted.Admit(1); // its storage will fail
        clock.Advance(TimeSpan.FromSeconds(3));
        admitted.Admit(1);

        clock.Advance(AdmittedWrites.Hold - TimeSpan.FromSeconds(3));
        Assert.Equal(2, admitted.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, admitted.Count);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, admitted.Count);
    }
}
