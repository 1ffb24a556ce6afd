namespace Matching.Api;

/// <summary>A need in an offer's shortlist; a confidential one has an empty title and no reasons, and shows its industry instead.</summary>
public sealed record NeedHit(string NeedId, double Score, string Title, string[] Reasons, string? Industry = null, bool? Confidential = null);
