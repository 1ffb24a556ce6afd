using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>Maps stored items to what the index and the ranking library read.</summary>
internal static class Facts
{
    public static ItemFacts Of(OfferData offer) =>
        new(offer.Field, offer.Country, offer.Trl ?? 0, offer.TransferModes, AcceptForeign: true);

    public static ItemFacts Of(NeedData need) =>
        new(need.Industry, need.Country, need.MinTrl ?? 0, need.TransferModes, need.AcceptForeign);

    public static ItemText Text(OfferData offer) => new(offer.Title, offer.Description, offer.Keywords);

    public static ItemText Text(NeedData need) => new(need.Title, need.Description, need.Keywords);

    public static MatchFacts ToMatch(this ItemFacts facts) =>
        new(facts.Domain, facts.Country, facts.Trl, (Modes)(byte)facts.Modes, facts.AcceptForeign);
}
