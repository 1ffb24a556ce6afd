using Matching.Contracts;

namespace Matching.Tests.Unit;

public sealed class ItemFactsTests
{
    [Fact]
    public void Facts_name_a_needs_minimum_MinTrl_and_an_offers_readiness_Trl()
    {
        Assert.Equal((0, 6), ItemFacts.Of(new NeedData { Title = "n", MinTrl = 6 }) is var n ? (n.Trl, n.MinTrl) : default);
        Assert.Equal((6, 0), ItemFacts.Of(new OfferData { Title = "o", Trl = 6 }) is var o ? (o.Trl, o.MinTrl) : default);
    }

    [Fact]
    public void A_need_stored_before_MinTrl_is_upgraded_and_current_facts_are_kept()
    {
        var stored = new ItemFacts("batteries", "CN", Trl: 6, TransferModes.License, AcceptForeign: true);

        Assert.Equal(stored with { Trl = 0, MinTrl = 6 }, stored.Upgraded(Side.Needs));
        Assert.Equal(stored, stored.Upgraded(Side.Offers));
        var current = ItemFacts.Of(new NeedData { Title = "n", MinTrl = 4 });
        Assert.Equal(current, current.Upgraded(Side.Needs));
        var none = ItemFacts.Of(new NeedData { Title = "n" });
        Assert.Equal(none, none.Upgraded(Side.Needs));
    }
}
