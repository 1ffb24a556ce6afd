using Matching.Load.Measurement;

namespace Matching.Tests.Unit;

public sealed class HeapProfileTests
{
    [Fact]
    public void Types_are_ranked_by_their_bytes_with_counts_and_totals()
    {
        var profile = new HeapProfile();
        profile.Add("System.String", 40);
        profile.Add("System.Int32[]", 1000);
        profile.Add("System.String", 60);
        profile.Add("System.Byte[]", 100);

        Assert.Equal(4, profile.Objects);
        Assert.Equal(1200, profile.Bytes);
        Assert.Equal(
            [new HeapType("System.Int32[]", 1, 1000), new HeapType("System.Byte[]", 1, 100)],
            profile.Top(2));
        Assert.Equal(new HeapType("System.String", 2, 100), profile.Top(3)[2]);
    }
}
