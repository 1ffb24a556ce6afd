using Microsoft.Extensions.Options;

namespace Matching.Tests.Http;

/// <summary>A setting Orleans would refuse with a stack trace is refused at start, with a line that names it.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void An_item_idle_age_of_one_minute_or_less_is_refused_at_start()
    {
        // Orleans looks for idle grains once a minute and refuses a shorter or equal collection age.
        using var factory = new ApiFactory().WithWebHostBuilder(b => b.UseSetting("Matching:ItemIdleAge", "00:01:00"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Matching:ItemIdleAge must be more than 1 minute", error.Message);
    }

    [Fact]
    public void A_negative_memory_trim_count_is_refused_at_start()
    {
        using var factory = new ApiFactory().WithWebHostBuilder(b => b.UseSetting("Matching:MemoryTrimItems", "-1"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Matching:MemoryTrimItems must not be negative", error.Message);
    }
}
