namespace Matching.Grains;

/// <summary>The cluster's API keys by id. The API processes read the whole set every second, so a revocation reaches them all within seconds.</summary>
public sealed class ApiKeyRegistryGrain(
    [PersistentState("keys", StorageNames.ApiKeys)] IPersistentState<ApiKeyRegistryState> state)
    : Grain, IApiKeyRegistryGrain
{
    public async Task CreateAsync(ApiKeyEntry key)
    {
        if (state.State.Keys.TryGetValue(key.Info.Id, out var stored) && stored == key)
        {
            return; // a retried call that was applied
        }

        var info = key.Info;
        if (!ApiKeyRules.IsValidTenant(info.Tenant) || !ApiKeyRules.IsValidName(info.Name) || key.Hash.Length != 64 ||
            state.State.Keys.ContainsKey(info.Id) || state.State.Keys.Values.Any(k => k.Hash == key.Hash))
        {
            throw new ArgumentException($"key {info.Id} is invalid or taken", nameof(key));
        }

        if (state.State.Keys.Count >= ApiKeyRules.MaxKeys)
        {
            throw new ArgumentException($"the registry holds {ApiKeyRules.MaxKeys} keys already", nameof(key));
        }

        state.State.Keys[info.Id] = key;
        state.State.Version++;
        await state.WriteStateAsync();
    }

    public async Task<bool> RevokeAsync(string id)
    {
        if (!state.State.Keys.Remove(id))
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        return true;
    }

    public Task<ApiKeySet> GetSetAsync() => Task.FromResult(new ApiKeySet(state.State.Version, [.. state.State.Keys.Values]));
}
