using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Tests.Unit;

/// <summary>How a need's terms are translated and weighed, what reasons and pair features say of it.</summary>
public class CrossLingualTests
{
    private static readonly TextModel Model = TextModel.Train([], "empty");
    private static readonly ItemFacts NoFacts = new(null, null, 0, TransferModes.None, true);

    [Fact]
    public void Only_a_needs_profile_is_translated()
    {
        var text = new ItemText("质子治疗", null, []);

        Assert.Empty(Model.Profile(text).Translated);
        var need = Model.NeedProfile(text);
        Assert.NotEmpty(need.Translated);
        Assert.Subset(need.Slots.ToHashSet(), need.Translated.ToHashSet());
        Assert.Equal(need.Translated.Order(), need.Translated);
        Assert.Equal(Model.NeedProfile(text).Slots, need.Slots); // deterministic: the same on every path
    }

    [Fact]
    public void An_ambiguous_word_splits_its_translation_weight_among_its_candidates()
    {
        // 肿瘤: tumour | tumor | cancer in the glossary, one word each.
        var need = Model.NeedProfile(new ItemText("肿瘤", null, []));
        var own = Model.Profile(new ItemText("肿瘤", null, []));
        var source = (float)own.Frequencies.Single();

        Assert.Equal(3, need.Translated.Length);
        foreach (var slot in need.Translated)
        {
            var frequency = (float)need.Frequencies[Array.IndexOf(need.Slots, slot)];
            Assert.Equal(CrossLingual.Weight * source / 3, frequency, 3); // half precision: three places
        }

        foreach (var word in new[] { "tumour", "tumor", "cancer" })
        {
            Assert.Contains(Model.Profile(new ItemText(word, null, [])).Slots.Single(), need.Translated);
        }
    }

    [Fact]
    public void A_translation_into_a_common_word_is_dropped()
    {
        // "therapy" is in every training document, "proton" in none.
        var common = TextModel.Train(Enumerable.Range(0, 40).Select(i => new ItemText($"therapy note{i}", null, [])), "common");
        var need = new ItemText("质子治疗", null, []);

        var translated = common.NeedProfile(need).Translated;

        Assert.Contains(SlotOf(common, "proton"), translated);
        Assert.DoesNotContain(SlotOf(common, "therapy"), translated);
        Assert.Contains(SlotOf(Model, "therapy"), Model.NeedProfile(need).Translated);
    }

    [Fact]
    public void A_long_need_gains_at_most_the_strongest_translations()
    {
        var need = Model.NeedProfile(new ItemText(
            "battery motor cyclotron laser sensor robot vaccine membrane catalyst hydrogen turbine engine pump valve", null, []));

        Assert.Equal(TextModel.MaxTranslations, need.Translated.Length);
    }

    [Fact]
    public void A_translation_counts_less_than_the_exact_shared_term()
    {
        var offers = new[]
        {
            ("zh", Model.Profile(new ItemText("质子治疗系统", null, []))),
            ("en", Model.Profile(new ItemText("Proton therapy system", null, []))),
            ("other", Model.Profile(new ItemText("Lithium battery packs", null, []))),
        };
        var index = new FirstPhaseIndex<int>([.. offers.Select((o, i) => (o.Item1, o.Item2, i))]);

        var hits = index.Query(Model.NeedProfile(new ItemText("质子治疗系统", null, [])), _ => true, 3);

        Assert.Equal(["zh", "en"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void An_english_need_reaches_a_chinese_offer()
    {
        var offers = new[]
        {
            ("zh", Model.Profile(new ItemText("紧凑型超导回旋加速器", null, []))),
            ("other", Model.Profile(new ItemText("铸件缺陷检测", null, []))),
        };
        var index = new FirstPhaseIndex<int>([.. offers.Select((o, i) => (o.Item1, o.Item2, i))]);

        var hits = index.Query(Model.NeedProfile(new ItemText("Looking for a compact cyclotron", null, [])), _ => true, 2);

        Assert.Equal("zh", hits.Single().Id);
    }

    [Fact]
    public void Reasons_say_a_pair_matched_through_translation_in_the_readers_words()
    {
        var needProfile = Model.NeedProfile(new ItemText("质子治疗", null, []), out var need);
        var offerProfile = Model.Profile(new ItemText("Compact proton therapy", null, []), out var offer);
        var shared = CrossLingual.MarkTranslated([.. needProfile.Slots.Intersect(offerProfile.Slots)], needProfile);

        Assert.All(shared, slot => Assert.True(slot < 0));
        Assert.Contains("质子治疗 ≈ proton therapy", Reasons.Explain(need, shared, NoFacts, NoFacts));
        Assert.Contains("proton therapy ≈ 质子治疗", Reasons.Explain(offer, shared, NoFacts, NoFacts));
        Assert.DoesNotContain(Reasons.Explain(need, shared, NoFacts, NoFacts), r => r.StartsWith("质子 ≈", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pair_features_say_how_much_came_through_translation_and_which_way()
    {
        var statistics = new FirstPhaseIndex<int>([("o", Model.Profile(new ItemText("Proton therapy system", null, [])), 0)]).Statistics;
        var need = new PairSide(Model.NeedProfile(new ItemText("质子治疗系统", null, [])), NoFacts);
        var english = new PairSide(Model.Profile(new ItemText("Proton therapy system", null, [])), NoFacts);
        var chinese = new PairSide(Model.Profile(new ItemText("质子治疗系统", null, [])), NoFacts);

        var across = PairFeatures.Compute(need, english, 0.5f, Model, statistics);
        var same = PairFeatures.Compute(need, chinese, 0.5f, Model, statistics);

        var (share, zhToEn, enToZh) = (Array.IndexOf(PairFeatures.Names, "translationShare"), Array.IndexOf(PairFeatures.Names, "zhToEn"), Array.IndexOf(PairFeatures.Names, "enToZh"));
        Assert.Equal([20, 21, 22], new[] { share, zhToEn, enToZh }); // appended: older models read a prefix
        Assert.Equal(1f, across[share], 4);
        Assert.Equal(0f, same[share], 4);
        Assert.Equal((1f, 0f), (across[zhToEn], across[enToZh]));
        Assert.Equal((0f, 0f), (same[zhToEn], same[enToZh]));
    }

    private static int SlotOf(TextModel model, string word) => model.Profile(new ItemText(word, null, [])).Slots.Single();
}
