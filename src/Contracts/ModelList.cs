namespace Matching.Contracts;

/// <summary>The active version and every registered model.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelList")]
public sealed record ModelList(string Active, ModelInfo[] Models);
