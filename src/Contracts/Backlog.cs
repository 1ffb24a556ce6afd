namespace Matching.Contracts;

/// <summary>The propagation backlog API.md reports in /v1/status.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Backlog")]
public sealed record Backlog(long Pending, long OldestAgeMs);
