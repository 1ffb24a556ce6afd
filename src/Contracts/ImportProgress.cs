namespace Matching.Contracts;

/// <summary>
/// How far batch imports and their sweeps are, in /v1/status: items imported by batches and kept lists computed by
/// sweeps (both since the silos started), lists still to compute, and the time that takes at the recent pace (null
/// while nothing is left or no pace is known yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.ImportProgress")]
public sealed record ImportProgress(long ItemsImported, long ListsComputed, long ListsLeft, double? SecondsLeft);
