namespace Matching.Api;

/// <summary>What /v1/status reports.</summary>
public sealed record StatusResponse(Backlog Backlog, long Offers, long Needs, int ShardsPerSide, string ModelVersion, StatisticsStatus Statistics, ImportProgress Import);
