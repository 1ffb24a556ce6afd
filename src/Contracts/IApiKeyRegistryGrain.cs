namespace Matching.Contracts;

/// <summary>The cluster's API keys (one grain, key 0): small and rarely written; every API process caches the set.</summary>
public interface IApiKeyRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a new key; its id and hash must be new. Storing the same entry again changes nothing (a retry).</summary>
    /// <exception cref="ArgumentException">The key breaks a rule of <see cref="ApiKeyRules"/> or its id is taken.</exception>
    Task CreateAsync(ApiKeyEntry key);

    /// <summary>Removes a key; false when there is none with that id.</summary>
    Task<bool> RevokeAsync(string id);

    /// <summary>Every live key, hashes included (for the API processes, never for a response).</summary>
    Task<ApiKeySet> GetSetAsync();
}
