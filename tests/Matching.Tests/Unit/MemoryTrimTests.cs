using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public sealed class MemoryTrimTests
{
    private readonly FakeTimeProvider _clock = new();

    private static void Deactivate(MemoryTrim trim, int items)
    {
        for (var i = 0; i < items; i++)
        {
            trim.ItemDeactivated();
        }
    }

    [Fact]
    public void A_trim_is_due_once_per_so_many_deactivated_items()
    {
        var trim = new MemoryTrim(afterItems: 3, _clock);

        Deactivate(trim, 2);
        Assert.False(trim.TakeDue());

        trim.ItemDeactivated();
        Assert.True(trim.TakeDue());
        Assert.False(trim.TakeDue()); // counted again from zero

        Deactivate(trim, 3);
        Assert.True(trim.TakeDue());
    }

    [Fact]
    public void The_next_trim_waits_twenty_times_the_last_ones_pause()
    {
        var trim = new MemoryTrim(afterItems: 3, _clock);
        Deactivate(trim, 3);
        Assert.True(trim.TakeDue());
        trim.Trimmed(TimeSpan.FromSeconds(6)); // a large heap's pause

        Deactivate(trim, 10);
        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.False(trim.TakeDue()); // enough items, but 119 s < 20 x 6 s
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(trim.TakeDue());
    }

    [Fact]
    public void Zero_items_means_never()
    {
        var trim = new MemoryTrim(afterItems: 0, _clock);
        Deactivate(trim, 1000);

        Assert.False(trim.TakeDue());
    }
}
