namespace Matching.Contracts;

/// <summary>The outcome of registering a model file: the model when registered, the reason when not.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelRegistration")]
public sealed record ModelRegistration(
    [property: Id(0)] ModelRegisterOutcome Outcome,
    [property: Id(1)] ModelInfo? Model,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? Error);
