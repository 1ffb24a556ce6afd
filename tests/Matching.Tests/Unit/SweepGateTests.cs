using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public class SweepGateTests
{
    [Fact]
    public void A_sweep_wave_waits_while_writes_propagate_and_goes_once_none_do()
    {
        var clock = new FakeTimeProvider();
        var gate = new SweepGate(clock);
        var since = clock.GetTimestamp();
        Assert.False(gate.Holds(since));

        gate.Add(2); // one propagator's two writes
        gate.Add(1); // another's
        Assert.True(gate.Holds(since));

        gate.Add(-2);
        Assert.True(gate.Holds(since));
        gate.Add(-1);
        Assert.False(gate.Holds(since));
        Assert.Equal(0, gate.Propagations);
    }

    [Fact]
    public void A_steady_stream_of_writes_holds_a_wave_no_longer_than_the_bound()
    {
        var clock = new FakeTimeProvider();
        var gate = new SweepGate(clock);
        gate.Add(1);
        var since = clock.GetTimestamp();

        clock.Advance(SweepGate.MaxHold - TimeSpan.FromMilliseconds(1));
        Assert.True(gate.Holds(since));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(gate.Holds(since));
        Assert.True(gate.Holds(clock.GetTimestamp())); // the next wave waits again
    }

    [Fact]
    public void A_wave_waits_for_a_write_admitted_within_the_hold_before_its_change_is_queued()
    {
        var clock = new FakeTimeProvider();
        var gate = new SweepGate(clock);

        gate.Admitted();
        Assert.True(gate.Holds(clock.GetTimestamp()));

        clock.Advance(SweepGate.AdmittedHold);
        Assert.False(gate.Holds(clock.GetTimestamp())); // a write that never queued its change stops holding
    }
}
