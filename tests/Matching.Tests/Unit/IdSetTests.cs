using CsCheck;
using Matching.Grains;

namespace Matching.Tests.Unit;

public sealed class IdSetTests
{
    [Fact]
    public void Behaves_as_a_hash_set_below_at_and_beyond_its_array_limit()
    {
        // Ids from a pool of 40, so that sets grow past the array limit (16) and shrink below it again.
        var operations = Gen.Select(Gen.Bool, Gen.Int[0, 39]).Array[0, 300];
        operations.Sample(ops =>
        {
            var set = new IdSet();
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (add, n) in ops)
            {
                var id = $"id-{n}";
                Assert.Equal(add ? expected.Add(id) : expected.Remove(id), add ? set.Add(id) : set.Remove(id));
                Assert.Equal(expected.Count, set.Count);
                Assert.Equal(expected.Order(StringComparer.Ordinal), set.Order(StringComparer.Ordinal));
                Assert.True(expected.All(set.Contains));
            }
        });
    }
}
