namespace Matching.Contracts;

/// <summary>The active version and every registered model.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelList")]
public sealed record ModelList(
    [property: Id(0)] string Active,
    [property: Id(1)] ModelInfo[] Models);
