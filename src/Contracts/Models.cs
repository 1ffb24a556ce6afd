using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>
/// The model registry of the cluster: which ranker versions are registered and which one is active. One grain for
/// the whole cluster (models are not per tenant: every silo runs one active ranker), key <see cref="ModelRegistry.Key"/>.
/// </summary>
public interface IModelRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates a model file (it must load and score with this cluster's featurizer) and stores it under the
    /// version its metadata names. Nothing is stored unless the outcome is <see cref="ModelRegisterOutcome.Registered"/>.
    /// </summary>
    Task<ModelRegistration> RegisterAsync(byte[] file);

    /// <summary>The active version and every registered model, the bundled default first.</summary>
    Task<ModelList> ListAsync();

    /// <summary>Makes <paramref name="version"/> the active model, durably; false when no such version is registered.</summary>
    Task<bool> ActivateAsync(string version);

    /// <summary>The active version: the bundled default's until another is activated.</summary>
    Task<string> GetActiveAsync();

    /// <summary>The file of a registered version, or null when it is unknown or the bundled default (which every silo has).</summary>
    Task<byte[]?> GetFileAsync(string version);
}

/// <summary>Where the registry lives.</summary>
public static class ModelRegistry
{
    /// <summary>The key of the one registry grain.</summary>
    public const long Key = 0;
}

/// <summary>What the registry knows about one model.</summary>
/// <param name="Version">The version shortlists report.</param>
/// <param name="CreatedAt">When it was trained.</param>
/// <param name="Trainer">The ML.NET trainer and its settings.</param>
/// <param name="Metrics">
/// Metrics by name (<c>ndcg@3</c>, ...) on the model's own held-out needs, so not comparable across models; read-only once built.
/// </param>
/// <param name="Active">Whether it is the active model.</param>
[GenerateSerializer, Immutable, Alias("Matching.ModelInfo")]
public sealed record ModelInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string Trainer,
    [property: Id(3)] Dictionary<string, double> Metrics,
    [property: Id(4)] bool Active)
{
    /// <summary>
    /// The same metrics for text similarity alone on the same held-out needs (the model file's <c>baseline</c>): what
    /// <see cref="Metrics"/> compares with. Empty when the file records none; read-only once built.
    /// </summary>
    [Id(5)]
    public Dictionary<string, double> Baseline { get; init; } = [];
}

/// <summary>The active version and every registered model.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelList")]
public sealed record ModelList(
    [property: Id(0)] string Active,
    [property: Id(1)] ModelInfo[] Models);

/// <summary>What registering a model file did.</summary>
[GenerateSerializer]
public enum ModelRegisterOutcome : byte
{
    /// <summary>The file was valid and is stored.</summary>
    Registered = 0,
    /// <summary>The file cannot serve; <see cref="ModelRegistration.Error"/> says why.</summary>
    Invalid = 1,
    /// <summary>Its version is already registered (or is the bundled default's); versions are never replaced.</summary>
    Duplicate = 2,
}

/// <summary>The outcome of registering a model file: the model when registered, the reason when not.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ModelRegistration")]
public sealed record ModelRegistration(
    [property: Id(0)] ModelRegisterOutcome Outcome,
    [property: Id(1)] ModelInfo? Model,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? Error);
