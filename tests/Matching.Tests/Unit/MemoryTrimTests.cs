using Matching.Grains;

namespace Matching.Tests.Unit;

public sealed class MemoryTrimTests
{
    [Fact]
    public void A_trim_is_due_once_per_so_many_deactivated_items()
    {
        var trim = new MemoryTrim(afterItems: 3);

        trim.ItemDeactivated();
        trim.ItemDeactivated();
        Assert.False(trim.TakeDue());

        trim.ItemDeactivated();
        Assert.True(trim.TakeDue());
        Assert.False(trim.TakeDue()); // counted again from zero

        for (var i = 0; i < 3; i++)
        {
            trim.ItemDeactivated();
        }

        Assert.True(trim.TakeDue());
    }

    [Fact]
    public void Zero_items_means_never()
    {
        var trim = new MemoryTrim(afterItems: 0);
        for (var i = 0; i < 1000; i++)
        {
            trim.ItemDeactivated();
        }

        Assert.False(trim.TakeDue());
    }
}
