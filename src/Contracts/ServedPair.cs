namespace Matching.Contracts;

/// <summary>A pair as the active model sees it: its version, its score in [0, 1] and each named feature's value.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ServedPair")]
public sealed record ServedPair(
    [property: Id(0)] string ModelVersion,
    [property: Id(1)] double Score,
    [property: Id(2)] string[] FeatureNames,
    [property: Id(3)] float[] Features);
