namespace Matching.Api;

/// <summary>A need's shortlist of offers (needId is absent for an ad-hoc need).</summary>
public sealed record NeedShortlistResponse(string? NeedId, string ModelVersion, OfferHit[] Items)
{
    public static NeedShortlistResponse From(string? needId, Shortlist s) =>
        new(needId, s.ModelVersion, s.Items.Select(i => new OfferHit(i.Id, i.Score, i.Title, i.Reasons)).ToArray());
}
