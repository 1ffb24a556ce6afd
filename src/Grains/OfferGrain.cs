using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>One technology offer, keyed <c>{tenant}/{id}</c>.</summary>
public sealed class OfferGrain(
    [PersistentState("offer", StorageNames.Items)] IPersistentState<ItemState<OfferData>> state,
    ShortlistBuilder shortlists,
    ModelHost models,
    TimeProvider clock)
    : ItemGrain<OfferData>(state, shortlists, models, clock), IOfferGrain
{
    protected override Side OwnSide => Side.Offers;

    protected override (OfferData Normalized, Dictionary<string, string[]> Errors) Validate(OfferData data) => ItemRules.Validate(data);

    protected override bool Same(OfferData a, OfferData b) => a.SameAs(b);

    protected override ItemFacts FactsOf(OfferData data) => Facts.Of(data);

    protected override ItemText TextOf(OfferData data) => Facts.Text(data);

    protected override string TitleOf(OfferData data) => data.Title;
}
