using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public class TextModelTests
{
    private static readonly TextModel Model = TextModel.Train(
        [
            new ItemText("Superconducting quantum computing cloud platform", "Cloud access to a 72-qubit processor.", ["quantum computing"]),
            new ItemText("超导量子计算云平台", "提供72比特超导量子处理器的云端访问。", ["量子计算"]),
            new ItemText("Lithium battery thermal management", "Liquid cooling plates for battery packs.", ["battery"]),
        ],
        "test-1");

    [Fact]
    public void The_same_text_gives_the_same_vector_with_cosine_one()
    {
        var a = Model.Vector(new ItemText("量子计算云平台", null, []));
        var b = Model.Vector(new ItemText("量子计算云平台", null, []));
        Assert.Equal(a.Slots, b.Slots);
        Assert.Equal(1f, a.Dot(b.Slots, b.Weights), 4);
    }

    [Fact]
    public void A_word_no_training_text_contains_still_matches_itself()
    {
        var need = Model.Vector(new ItemText("Looking for zorblatite coatings", null, []));
        var offer = Model.Vector(new ItemText("Zorblatite thin films", "A new coating material.", []));
        var other = Model.Vector(new ItemText("Lithium battery packs", null, []));
        Assert.True(need.Dot(offer.Slots, offer.Weights) > 0.1f);
        Assert.Equal(0f, need.Dot(other.Slots, other.Weights));
        Assert.Contains("zorblatite", need.Surfaces);
    }

    [Fact]
    public void A_profiles_title_and_keyword_vectors_are_those_of_the_title_and_of_the_keywords_alone()
    {
        // The profile analyzes the text once and cuts the title's and the keywords' terms out of it.
        var text = new ItemText("超导量子计算 cloud platform", "Cloud access to a 72-qubit processor. 提供云端访问。", ["quantum computing", "量子计算", "cloud"]);
        var profile = Model.Profile(text, out var vector);
        var whole = Model.Vector(text);
        Assert.Equal(whole.Surfaces, vector.Surfaces);
        Assert.Equal(whole.Kinds, vector.Kinds);
        Assert.Equal(whole.Slots, profile.Slots);
        Assert.Equal(TextProfile.Halves(whole.Weights), profile.Weights);
        var title = Model.Vector(new ItemText(text.Title, null, []));
        Assert.Equal(title.Slots, profile.TitleSlots);
        Assert.Equal(TextProfile.Halves(title.Weights), profile.TitleWeights);
        var keywords = Model.Vector(new ItemText(null, null, text.Keywords));
        Assert.Equal(keywords.Slots, profile.KeywordSlots);
        Assert.Equal(TextProfile.Halves(keywords.Weights), profile.KeywordWeights);
        Assert.Equal(Language.Chinese, profile.Language);
    }
}
