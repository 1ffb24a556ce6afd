namespace Matching.Contracts;

/// <summary>The propagation backlog API.md reports in /v1/status.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Backlog")]
public sealed record Backlog(
    [property: Id(0)] long Pending,
    [property: Id(1)] long OldestAgeMs);
