namespace Matching.Grains;

/// <summary>What storage holds of the API keys: hashes and descriptions, written whole on each change.</summary>
[GenerateSerializer, Alias("Matching.ApiKeyRegistryState")]
public sealed class ApiKeyRegistryState
{
    [Id(0)] public Dictionary<string, ApiKeyEntry> Keys { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public long Version { get; set; }
}
