namespace Matching.Api;

/// <summary>One kept shortlist that differs from its fresh computation; <c>kind</c> is the owner's side.</summary>
public sealed record MismatchResponse(string Kind, string Id, ScoredId[] Kept, ScoredId[] Fresh);
