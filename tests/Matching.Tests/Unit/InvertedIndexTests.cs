using Matching.Ranking;

namespace Matching.Tests.Unit;

public class InvertedIndexTests
{
    private static readonly Func<string, bool> All = _ => true;

    private static (int[] Slots, float[] Weights) Vec(params (int Slot, float Weight)[] entries)
    {
        var norm = MathF.Sqrt(entries.Sum(e => e.Weight * e.Weight));
        var sorted = entries.OrderBy(e => e.Slot).ToArray();
        return (sorted.Select(e => e.Slot).ToArray(), sorted.Select(e => e.Weight / norm).ToArray());
    }

    private static void Add(InvertedIndex<string> index, string id, params (int, float)[] entries)
    {
        var (s, w) = Vec(entries);
        index.Upsert(id, s, w, id);
    }

    [Fact]
    public void A_query_returns_the_best_documents_by_cosine_then_id()
    {
        var index = new InvertedIndex<string>();
        Add(index, "exact", (1, 1), (2, 1));
        Add(index, "half-b", (1, 1), (9, 1));
        Add(index, "half-a", (2, 1), (8, 1));
        Add(index, "none", (7, 1));
        var (qs, qw) = Vec((1, 1), (2, 1));

        var hits = index.Query(qs, qw, All, 3);

        Assert.Equal(["exact", "half-a", "half-b"], hits.Select(h => h.Id));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(0.5f, hits[1].Score, 5);
    }

    [Fact]
    public void Documents_sharing_no_term_are_never_returned()
    {
        var index = new InvertedIndex<string>();
        Add(index, "a", (1, 1));

        var (qs, qw) = Vec((2, 1));

        Assert.Empty(index.Query(qs, qw, All, 10));
    }

    [Fact]
    public void The_filter_excludes_documents_before_the_top_k_is_cut()
    {
        var index = new InvertedIndex<string>();
        Add(index, "best", (1, 1));
        Add(index, "second", (1, 1), (5, 1));
        var (qs, qw) = Vec((1, 1));

        var hits = index.Query(qs, qw, id => id != "best", 1);

        Assert.Equal("second", Assert.Single(hits).Id);
    }

    [Fact]
    public void Replacing_and_removing_documents_is_reflected_and_survives_compaction()
    {
        var index = new InvertedIndex<string>();
        for (var i = 0; i < 3000; i++)
        {
            Add(index, $"d{i}", (i % 7, 1), (100 + i, 1));
        }

        for (var i = 0; i < 2900; i++)
        {
            Assert.True(index.Remove($"d{i}"));
        }

        Add(index, "d2999", (3, 1)); // replace: the old entry must disappear
        var (qs, qw) = Vec((3, 1));

        var hits = index.Query(qs, qw, All, 100);

        Assert.Equal(100, index.Count);
        Assert.Equal("d2999", hits[0].Id);
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.All(hits, h => Assert.True(int.Parse(h.Id[1..], System.Globalization.CultureInfo.InvariantCulture) >= 2900));
        Assert.False(index.Remove("d0"));
        Assert.Equal(100 * 2 - 1, index.Postings);
    }

    [Fact]
    public void Top_shared_slots_are_ordered_by_contribution()
    {
        var index = new InvertedIndex<string>();
        Add(index, "a", (1, 3), (2, 1), (3, 2));
        var (qs, qw) = Vec((1, 1), (2, 1), (3, 1), (4, 1));

        var hit = Assert.Single(index.Query(qs, qw, All, 1));

        Assert.Equal([1, 3, 2], hit.TopSharedSlots);
    }
}
