namespace Matching.Ranking;

/// <summary>The rule for model versions: the same as for item ids.</summary>
public static class ModelVersions
{
    public static bool IsValid(string? version) =>
        version is { Length: >= 1 and <= 128 } && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
