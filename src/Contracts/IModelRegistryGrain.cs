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
