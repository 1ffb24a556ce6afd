namespace Matching.Contracts;

/// <summary>What /v1/status reports for one tenant.</summary>
[GenerateSerializer, Immutable, Alias("Matching.TenantStatus")]
public sealed record TenantStatus(
    long Offers,
    long Needs,
    int ShardsPerSide,
    string ModelVersion,
    Backlog Backlog,
    StatisticsStatus Statistics,
    ImportProgress Import);
