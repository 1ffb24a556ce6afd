namespace Matching.Api;

public sealed record NeedHit(string NeedId, double Score, string Title, string[] Reasons);
