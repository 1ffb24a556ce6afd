using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public class HardRulesTests
{
    private static ItemFacts Need(int minTrl = 0, TransferModes modes = TransferModes.None, string? country = "CN", bool foreign = true) =>
        new("f", country, 0, modes, foreign, minTrl);

    private static ItemFacts Offer(int trl = 0, TransferModes modes = TransferModes.None, string? country = "CN") =>
        new("f", country, trl, modes, true);

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(5, 5, true)]
    [InlineData(5, 4, false)]
    [InlineData(5, 0, false)] // an offer that states no TRL cannot show it meets a minimum
    public void Min_trl(int minTrl, int trl, bool allowed) => Assert.Equal(allowed, HardRules.Allows(Need(minTrl), Offer(trl)));

    [Theory]
    [InlineData(TransferModes.License, TransferModes.License | TransferModes.Equity, true)]
    [InlineData(TransferModes.Assignment, TransferModes.License, false)]
    [InlineData(TransferModes.None, TransferModes.License, true)]
    [InlineData(TransferModes.License, TransferModes.None, true)]
    public void Modes_must_overlap_when_both_state_them(TransferModes need, TransferModes offer, bool allowed) =>
        Assert.Equal(allowed, HardRules.Allows(Need(modes: need), Offer(modes: offer)));

    [Theory]
    [InlineData("CN", "CN", false, true)]
    [InlineData("CN", "GB", false, false)]
    [InlineData("CN", null, false, false)]
    [InlineData(null, "CN", false, false)]
    [InlineData("CN", "GB", true, true)]
    public void Accept_foreign(string? needCountry, string? offerCountry, bool foreign, bool allowed) =>
        Assert.Equal(allowed, HardRules.Allows(Need(country: needCountry, foreign: foreign), Offer(country: offerCountry)));

    [Fact]
    public void Reasons_quote_shared_words_before_bigrams_and_state_rule_outcomes()
    {
        var model = TextModel.Train([], "empty");
        var need = model.Vector(new ItemText("量子计算云平台", null, []));
        var reasons = Reasons.Explain(need, need.Slots, new ItemFacts("q", "CN", 0, TransferModes.License, false, MinTrl: 5), new ItemFacts("q", "CN", 6, TransferModes.License | TransferModes.Equity, true));

        Assert.Contains("量子计算", reasons);
        Assert.DoesNotContain("子计", reasons);
        Assert.Equal(["same field q", "trl 6 >= 5", "license offered", "same country CN"], reasons[^4..]);
    }

    [Fact]
    public void Reasons_fall_back_to_bigrams_only_when_no_word_is_shared()
    {
        var model = TextModel.Train([], "empty");
        var need = model.Vector(new ItemText("钜铼钛", null, []));
        var offer = model.Vector(new ItemText("新型钜铼钛合金", null, []));
        var shared = need.Slots.Intersect(offer.Slots).ToArray();
        var facts = new ItemFacts(null, null, 0, TransferModes.None, true);

        var reasons = Reasons.Explain(need, shared, facts, facts);

        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r, "钜铼钛", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_quote_stemmed_matches_in_the_owners_spelling()
    {
        var model = TextModel.Train([], "empty");
        var need = model.Vector(new ItemText("Optimizing retrieval of documents", null, []));
        var offer = model.Vector(new ItemText("Document retrieval optimization", null, []));
        var facts = new ItemFacts(null, null, 0, TransferModes.None, true);

        var reasons = Reasons.Explain(need, need.Slots.Intersect(offer.Slots).ToArray(), facts, facts);

        Assert.NotEmpty(reasons);
        Assert.All(reasons.SelectMany(r => r.Split(' ')), word => Assert.Contains(word, new[] { "optimizing", "retrieval", "documents" })); // never "optim" or "document"
        Assert.Contains(reasons, r => r.Contains("optimizing", StringComparison.Ordinal) || r.Contains("documents", StringComparison.Ordinal));
    }
}
