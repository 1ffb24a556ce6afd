using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public sealed class SweepScheduleTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly SweepSchedule _schedule;

    public SweepScheduleTests() => _schedule = new SweepSchedule(Quiet, MaxWait, Hold, _clock, pauses: () => TimeSpan.Zero);

    [Fact]
    public void A_sweep_is_due_once_the_import_has_been_quiet()
    {
        Assert.True(_schedule.Request(all: false));
        Assert.False(_schedule.IsDue(out var wait, out _));
        Assert.Equal(Quiet, wait);

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(_schedule.Request(all: true)); // a second request joins the wait and starts the quiet time again
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(_schedule.IsDue(out wait, out _));
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);

        _clock.Advance(TimeSpan.FromSeconds(0.6));
        Assert.True(_schedule.IsDue(out _, out var all));
        Assert.True(all); // one request for every list makes the joined sweep cover every list
        Assert.False(_schedule.IsWaiting);
    }

    [Fact]
    public void A_batch_holds_the_sweep_until_it_asks_or_its_hold_runs_out()
    {
        _schedule.Request(all: false);
        _schedule.Hold();
        _clock.Advance(Quiet * 3);
        Assert.False(_schedule.IsDue(out var wait, out _));
        Assert.Equal(Quiet, wait); // looks again every quiet time, in case the batch ends

        _schedule.Release(); // the batch has ended and asks for its sweep: only the quiet time is left
        _schedule.Request(all: false);
        _clock.Advance(Quiet + TimeSpan.FromMilliseconds(1));
        Assert.True(_schedule.IsDue(out _, out _));

        _schedule.Request(all: false);
        _schedule.Hold(); // a batch whose process was lost never asks again
        _clock.Advance(Hold + TimeSpan.FromMilliseconds(1));
        Assert.True(_schedule.IsDue(out _, out _));
    }

    [Fact]
    public void A_request_from_outside_the_batch_does_not_lift_its_hold()
    {
        _schedule.Hold();
        _schedule.Request(all: true); // a statistics refresh or a model activation, while the batch runs
        _clock.Advance(Quiet * 3);
        Assert.False(_schedule.IsDue(out _, out _));

        _schedule.Release();
        _schedule.Request(all: false);
        _clock.Advance(Quiet + TimeSpan.FromMilliseconds(1));
        Assert.True(_schedule.IsDue(out _, out var all));
        Assert.True(all);
    }

    [Fact]
    public void An_import_that_never_pauses_is_swept_at_the_longest_wait()
    {
        _schedule.Request(all: false);
        var since = _schedule.WaitingSince;
        var elapsed = TimeSpan.Zero;
        while (!_schedule.IsDue(out _, out _))
        {
            Assert.True(elapsed <= MaxWait, "the sweep waited beyond the longest wait");
            _clock.Advance(Quiet / 2);
            elapsed += Quiet / 2;
            _schedule.Request(all: false);
        }

        Assert.True(elapsed > MaxWait - Quiet, $"due after {elapsed}, before the import paused or the longest wait passed");
        Assert.NotEqual(0, since);
        Assert.True(_schedule.Request(all: false)); // the next request starts a new wait
    }

    [Fact]
    public void Batches_in_flight_hold_the_sweep_beyond_the_longest_wait()
    {
        // An import longer than the longest wait (a million needs) is swept after its last batch, not under it.
        _schedule.Request(all: false);
        var elapsed = TimeSpan.Zero;
        while (elapsed <= MaxWait + Hold)
        {
            _schedule.Hold(); // batches back to back, each shorter than a hold
            Assert.False(_schedule.IsDue(out _, out _), $"swept under a batch after {elapsed}");
            _clock.Advance(TimeSpan.FromSeconds(20));
            elapsed += TimeSpan.FromSeconds(20);
            _schedule.Release();
            _schedule.Request(all: false);
        }

        // The last batch has ended: even past the longest wait, the next batch may follow within the quiet time.
        Assert.False(_schedule.IsDue(out _, out _));
        _clock.Advance(Quiet + TimeSpan.FromMilliseconds(1));
        Assert.True(_schedule.IsDue(out _, out _));
    }

    [Fact]
    public void A_running_sweep_is_held_by_a_batch_in_flight_and_the_quiet_time_after_it()
    {
        Assert.False(_schedule.IsHeld);
        _schedule.Hold();
        Assert.True(_schedule.IsHeld);
        _schedule.Release();
        Assert.True(_schedule.IsHeld); // the next batch of an import comes within milliseconds
        _clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.True(_schedule.IsHeld);
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.False(_schedule.IsHeld);

        _schedule.Hold(); // its process was lost: it never ends
        _clock.Advance(Hold + TimeSpan.FromMilliseconds(1));
        Assert.False(_schedule.IsHeld);
    }
}
