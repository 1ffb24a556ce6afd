namespace Matching.Api;

/// <summary>GET /v1/consistency: kept shortlists compared with fresh computations.</summary>
public sealed record ConsistencyResponse(long Checked, long Mismatched, Backlog BacklogBefore, MismatchResponse[] Mismatches);
