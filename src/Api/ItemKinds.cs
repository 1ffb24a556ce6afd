using Matching.Contracts.Input;

namespace Matching.Api;

public static class ItemKinds
{
    public static readonly ItemKind<OfferData, IOfferGrain, OfferResponse, OfferShortlistResponse> Offers = new(
        "offer", "offers", Side.Offers, ItemReader.ReadOffer, OfferResponse.From, OfferShortlistResponse.From,
        (search, tenant, items, cancel) => search.ImportOffersAsync(tenant, items, cancel));

    public static readonly ItemKind<NeedData, INeedGrain, NeedResponse, NeedShortlistResponse> Needs = new(
        "need", "needs", Side.Needs, ItemReader.ReadNeed, NeedResponse.From, (id, s) => NeedShortlistResponse.From(id, s),
        (search, tenant, items, cancel) => search.ImportNeedsAsync(tenant, items, cancel));
}
