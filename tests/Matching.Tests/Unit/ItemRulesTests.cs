using Matching.Contracts;

namespace Matching.Tests.Unit;

public class ItemRulesTests
{
    [Fact]
    public void Validation_trims_and_upper_cases_what_it_normalizes()
    {
        var (offer, errors) = ItemRules.Validate(new OfferData { Title = "  Title  ", Country = "gb", Keywords = [" a "], Field = " ai ", Description = "  " });

        Assert.Empty(errors);
        Assert.Equal("Title", offer.Title);
        Assert.Equal("GB", offer.Country);
        Assert.Equal(["a"], offer.Keywords);
        Assert.Equal("ai", offer.Field);
        Assert.Null(offer.Description);
    }

    [Fact]
    public void Lengths_count_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 300)); // 600 UTF-16 units, 300 characters

        Assert.Empty(ItemRules.Validate(new NeedData { Title = emoji }).Errors);
        Assert.Contains("title", ItemRules.Validate(new NeedData { Title = emoji + "😀" }).Errors.Keys);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var (_, errors) = ItemRules.Validate(new NeedData { Title = "", Country = "ZZ", MinTrl = 0, Keywords = ["", new string('k', 65)] });

        Assert.Equal(["country", "keywords", "minTrl", "title"], errors.Keys.Order());
        Assert.Equal(2, errors["keywords"].Length);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("A-z_0.9:x", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("ä", false)]
    public void Ids_are_1_to_128_safe_characters(string id, bool valid) => Assert.Equal(valid, ItemRules.IsValidId(id));

    [Fact]
    public void Shard_assignment_is_stable_and_spreads_items()
    {
        Assert.Equal(GrainKeys.ShardOf("ustc-0137", 8), GrainKeys.ShardOf("ustc-0137", 8));
        var counts = Enumerable.Range(0, 8000).GroupBy(i => GrainKeys.ShardOf($"o-{i:D7}", 8)).Select(g => g.Count()).ToList();
        Assert.Equal(8, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }
}
