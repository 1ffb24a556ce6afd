namespace Matching.Api;

public sealed record OfferHit(string OfferId, double Score, string Title, string[] Reasons);
