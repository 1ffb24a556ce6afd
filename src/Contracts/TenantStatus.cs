namespace Matching.Contracts;

/// <summary>What /v1/status reports for one tenant.</summary>
[GenerateSerializer, Immutable, Alias("Matching.TenantStatus")]
public sealed record TenantStatus(
    [property: Id(0)] long Offers,
    [property: Id(1)] long Needs,
    [property: Id(2)] int ShardsPerSide,
    [property: Id(3)] string ModelVersion,
    [property: Id(4)] Backlog Backlog,
    [property: Id(5)] StatisticsStatus Statistics,
    [property: Id(6)] ImportProgress Import);
