namespace Matching.Contracts;

/// <summary>Where the registry lives.</summary>
public static class ModelRegistry
{
    /// <summary>The key of the one registry grain.</summary>
    public const long Key = 0;
}
