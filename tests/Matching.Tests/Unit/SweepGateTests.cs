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
    public void A_wave_waits_while_an_admitted_write_is_under_way()
    {
        var clock = new FakeTimeProvider();
        var gate = new SweepGate(clock);

        gate.WriteStarted(); // storing its item and computing its own list, before its change is queued
        Assert.True(gate.Holds(clock.GetTimestamp()));
        gate.WriteEnded();
        Assert.False(gate.Holds(clock.GetTimestamp()));
    }
}
