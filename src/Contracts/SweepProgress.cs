namespace Matching.Contracts;

/// <summary>One propagator's sweeps: lists computed since it was activated, lists left, and its recent pace.</summary>
[GenerateSerializer, Immutable, Alias("Matching.SweepProgress")]
public sealed record SweepProgress(
    [property: Id(0)] long ListsComputed,
    [property: Id(1)] long ListsLeft,
    [property: Id(2)] double ListsPerSecond);
