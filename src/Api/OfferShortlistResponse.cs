namespace Matching.Api;

/// <summary>An offer's shortlist of needs.</summary>
public sealed record OfferShortlistResponse(string OfferId, string ModelVersion, NeedHit[] Items)
{
    public static OfferShortlistResponse From(string offerId, Shortlist s) =>
        new(offerId, s.ModelVersion, s.Items.Select(i => i.Confidential
            ? new NeedHit(i.Id, i.Score, "", [], i.Domain, Confidential: true)
            : new NeedHit(i.Id, i.Score, i.Title, i.Reasons)).ToArray());
}
