using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public sealed class BatchHoldTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new();
    private readonly BatchHold _hold;
    private TimeSpan _paused; // the process's GC pauses in all, as the hold reads them

    public BatchHoldTests() => _hold = new BatchHold(Hold, Quiet, _clock, () => _paused);

    [Fact]
    public void Overlapping_batches_hold_until_the_last_one_ends()
    {
        Assert.Equal(0, _hold.Until);
        _hold.Begin();
        _clock.Advance(TimeSpan.FromSeconds(10));
        _hold.Begin(); // a second client's batch
        var until = _hold.Until;
        Assert.Equal(_clock.GetTimestamp() + Ticks(Hold), until);

        _hold.End();
        Assert.Equal(until, _hold.Until); // the other batch still runs
        _hold.End();
        Assert.Equal(_clock.GetTimestamp() + Ticks(Quiet), _hold.Until); // the next batch may follow at once
        _clock.Advance(Quiet);
        Assert.Equal(0, _hold.Until);
        _hold.End(); // an end without a begin: a sweep asked for outside any batch
        Assert.Equal(0, _hold.Until);
        _hold.Begin();
        Assert.NotEqual(0, _hold.Until);
    }

    [Fact]
    public void The_quiet_time_after_the_last_batch_does_not_count_gc_pauses()
    {
        _hold.Begin();
        _hold.End();
        _clock.Advance(TimeSpan.FromSeconds(3)); // a blocking collection of 3 s: the import's next batch waited in the socket
        _paused += TimeSpan.FromSeconds(3);
        Assert.NotEqual(0, _hold.Until);

        _clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(0, _hold.Until);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(0, _hold.Until);
    }

    [Fact]
    public void A_batch_that_never_ends_holds_no_longer_than_the_hold()
    {
        _hold.Begin();
        _clock.Advance(Hold - TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(0, _hold.Until);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(0, _hold.Until);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);
}
