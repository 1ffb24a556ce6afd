namespace Matching.Grains;

/// <summary>
/// Durable storage of model files and the active pointer, behind an interface so that the cluster mode can keep
/// them in Redis instead of a folder. Files are never replaced: a version, once stored, always means the same model.
/// Only the registry grain writes; any number of readers.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores a model file under its version; false (and nothing written) when that version is already stored.</summary>
    Task<bool> AddAsync(string version, byte[] file);

    /// <summary>A stored file, or null when the version is not stored.</summary>
    Task<byte[]?> ReadAsync(string version);

    /// <summary>Every stored version, in no particular order.</summary>
    Task<string[]> VersionsAsync();

    /// <summary>The active version as last set, or null when none was ever set.</summary>
    Task<string?> GetActiveAsync();

    /// <summary>Sets the active version, durably: a restart reads the same.</summary>
    Task SetActiveAsync(string version);
}
