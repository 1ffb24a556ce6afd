using CsCheck;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class CorpusStatisticsTests
{
    [Fact]
    public void Adding_replacing_and_withdrawing_keep_the_counts_exact()
    {
        var counts = new CorpusStatistics();
        counts.Add([1, 2, 3], 10);
        counts.Add([2, 3], 4);

        // A replacement is the old document withdrawn and the new one added.
        counts.Remove([2, 3], 4);
        counts.Add([3, 7], 6);

        Assert.Equal(2, counts.Documents);
        Assert.Equal(16, counts.TotalLength);
        Assert.Equal([1, 1, 2, 1], new[] { 1, 2, 3, 7 }.Select(counts.DocumentFrequency));

        counts.Remove([1, 2, 3], 10);
        Assert.Equal(1, counts.Documents);
        Assert.Equal(6, counts.TotalLength);
        var (slots, frequencies) = counts.Export();
        Assert.Equal([3, 7], slots);
        Assert.Equal([1, 1], frequencies);
    }

    [Fact]
    public void Incremental_counts_equal_a_recount_of_the_live_documents()
    {
        // Operations on 12 document ids over 20 slots: add or replace (slots, length), or withdraw.
        var operation = Gen.Select(Gen.Int[0, 11], Gen.Bool, Gen.Int[0, 19].HashSet[0, 8], Gen.Int[0, 50]);
        operation.Array[0, 120].Sample(ops =>
        {
            var live = new Dictionary<int, (int[] Slots, int Length)>();
            var counts = new CorpusStatistics();
            foreach (var (id, withdraw, slotSet, length) in ops)
            {
                if (live.Remove(id, out var old))
                {
                    counts.Remove(old.Slots, old.Length);
                }

                if (!withdraw)
                {
                    var slots = slotSet.Order().ToArray();
                    live[id] = (slots, length);
                    counts.Add(slots, length);
                }
            }

            var recount = new CorpusStatistics();
            foreach (var (slots, length) in live.Values)
            {
                recount.Add(slots, length);
            }

            Assert.Equal(recount.Documents, counts.Documents);
            Assert.Equal(recount.TotalLength, counts.TotalLength);
            var (expectedSlots, expectedFrequencies) = recount.Export();
            var (actualSlots, actualFrequencies) = counts.Export();
            Assert.Equal(expectedSlots, actualSlots);
            Assert.Equal(expectedFrequencies, actualFrequencies);
        });
    }

    [Fact]
    public void Merged_parts_equal_the_whole()
    {
        var (a, b, whole) = (new CorpusStatistics(), new CorpusStatistics(), new CorpusStatistics());
        a.Add([1, 2], 5);
        b.Add([2, 9], 7);
        b.Add([9], 1);
        whole.Add([1, 2], 5);
        whole.Add([2, 9], 7);
        whole.Add([9], 1);

        var merged = CorpusStatistics.Merge(3, [Part(a), Part(b)]);
        var expected = whole.Snapshot(3);

        Assert.Equal(expected.Documents, merged.Documents);
        Assert.Equal(expected.TotalLength, merged.TotalLength);
        Assert.Equal(expected.Slots.ToArray(), merged.Slots.ToArray());
        Assert.Equal(expected.Frequencies.ToArray(), merged.Frequencies.ToArray());
        Assert.Equal(13f / 3, merged.AverageLength, precision: 5);

        static (long, long, int[], int[]) Part(CorpusStatistics c)
        {
            var (slots, frequencies) = c.Export();
            return (c.Documents, c.TotalLength, slots, frequencies);
        }
    }

    [Fact]
    public void Rarer_terms_weigh_more_and_an_unseen_term_most()
    {
        var counts = new CorpusStatistics();
        counts.Add([1, 2], 2);
        counts.Add([1], 1);
        counts.Add([1], 1);
        var snapshot = counts.Snapshot(1);

        Assert.True(snapshot.Idf(2) > snapshot.Idf(1));
        Assert.True(snapshot.Idf(99) > snapshot.Idf(2));
        Assert.True(snapshot.Idf(1) > 0);
    }
}
