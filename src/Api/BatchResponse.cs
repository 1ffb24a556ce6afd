namespace Matching.Api;

/// <summary>The outcome of a batch import.</summary>
public sealed record BatchResponse(int Accepted, BatchRejection[] Rejected);
