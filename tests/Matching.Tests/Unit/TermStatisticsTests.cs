using CsCheck;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class TermStatisticsTests
{
    [Fact]
    public void The_idf_kept_by_slot_equals_the_formula_over_the_document_frequency()
    {
        // Slots ascending and unique with their frequencies; probes inside, between and beyond the counted slots.
        var statistics = Gen.Select(Gen.Int[0, 5000].HashSet[0, 40], Gen.Int[1, 100_000], Gen.Int[0, 6000].Array[1, 30]);
        statistics.Sample((slotSet, documents, probes) =>
        {
            var slots = slotSet.Order().ToArray();
            var frequencies = slots.Select(s => 1 + (s % documents)).ToArray();
            var stats = new TermStatistics(1, documents, documents * 50L, slots, frequencies);
            foreach (var slot in probes.Concat(slots))
            {
                var df = stats.DocumentFrequency(slot);
                Assert.Equal(MathF.Log(1 + ((documents - df + 0.5f) / (df + 0.5f))), stats.Idf(slot));
            }
        });
    }

    [Fact]
    public void A_term_no_offer_has_weighs_most()
    {
        var stats = new TermStatistics(1, 1000, 50_000, [3, 8], [10, 900]);
        Assert.True(stats.Idf(5) > stats.Idf(3));
        Assert.True(stats.Idf(3) > stats.Idf(8));
        Assert.Equal(stats.Idf(5), stats.Idf(1 << 20));
        Assert.Equal(MathF.Log(2), TermStatistics.Empty.Idf(7));
    }
}
