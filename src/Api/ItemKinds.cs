using Matching.Contracts;

namespace Matching.Api;

public static class ItemKinds
{
    public static readonly ItemKind<OfferData, IOfferGrain> Offers = new(
        "offer", "offers", Side.Offers, ItemReader.ReadOffer, s => OfferResponse.From(s), OfferShortlistResponse.From,
        (search, tenant, items, cancel) => search.ImportOffersAsync(tenant, items, cancel));

    public static readonly ItemKind<NeedData, INeedGrain> Needs = new(
        "need", "needs", Side.Needs, ItemReader.ReadNeed, s => NeedResponse.From(s), NeedShortlistResponse.From,
        (search, tenant, items, cancel) => search.ImportNeedsAsync(tenant, items, cancel));
}
