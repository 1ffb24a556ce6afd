using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class SharedStringsTests
{
    [Fact]
    public void Equal_spellings_share_one_copy()
    {
        var spelling = "shared-" + Guid.NewGuid().ToString("N");
        var first = SharedStrings.Get(new string(spelling.AsSpan()));
        var second = SharedStrings.Get(new string(spelling.AsSpan()));
        Assert.Equal(spelling, second);
        Assert.Same(first, second);
    }

    [Fact]
    public void Two_profiles_quote_their_common_terms_from_one_copy()
    {
        var model = TextModel.Train([new ItemText("Solid-state battery electrolyte", null, [])], "shared-1");
        var a = model.Vector(new ItemText("Solid-state battery electrolyte", null, []));
        var b = model.Vector(new ItemText("Battery electrolyte coating", null, []));
        var battery = Array.IndexOf(a.Surfaces, "battery");
        Assert.True(battery >= 0);
        Assert.Same(a.Surfaces[battery], b.Surfaces[Array.IndexOf(b.Surfaces, "battery")]);
    }
}
