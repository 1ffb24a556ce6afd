namespace Matching.Contracts;

/// <summary>The outcome of registering a model file: the model when registered, the reason when not.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelRegistration")]
public sealed record ModelRegistration(ModelRegisterOutcome Outcome, ModelInfo? Model, string? Version, string? Error);
