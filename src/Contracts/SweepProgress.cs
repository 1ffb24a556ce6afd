namespace Matching.Contracts;

/// <summary>One propagator's sweeps: lists computed since it was activated, lists left, and its recent pace.</summary>
[GenerateSerializer, Immutable, Alias("Matching.SweepProgress")]
public sealed record SweepProgress(long ListsComputed, long ListsLeft, double ListsPerSecond);
