using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public sealed class BatchHoldTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly BatchHold _hold;

    public BatchHoldTests() => _hold = new BatchHold(Hold, _clock);

    [Fact]
    public void Overlapping_batches_hold_until_the_last_one_ends()
    {
        Assert.Equal(0, _hold.Until);
        _hold.Begin();
        _clock.Advance(TimeSpan.FromSeconds(10));
        _hold.Begin(); // a second client's batch
        var until = _hold.Until;
        Assert.Equal(_clock.GetTimestamp() + (long)(Hold.TotalSeconds * _clock.TimestampFrequency), until);

        _hold.End();
        Assert.Equal(until, _hold.Until); // the other batch still runs
        _hold.End();
        Assert.Equal(0, _hold.Until);
        _hold.End(); // an end without a begin: a sweep asked for outside any batch
        _hold.Begin();
        Assert.NotEqual(0, _hold.Until);
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
}
