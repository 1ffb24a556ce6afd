namespace Matching.Grains;

public static class ItemSchemas
{
    public static readonly ItemSchema<OfferData> Offer =
        new(Side.Offers, ItemRules.Validate, (a, b) => a.SameAs(b), ItemFacts.Of, ItemText.Of, o => o.Title);

    public static readonly ItemSchema<NeedData> Need =
        new(Side.Needs, ItemRules.Validate, (a, b) => a.SameAs(b), ItemFacts.Of, ItemText.Of, n => n.Title);
}
