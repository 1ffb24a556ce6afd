namespace Matching.Api;

/// <summary>Request size limits, bound from the "Limits" section.</summary>
public sealed class ApiLimits
{
    public const string Section = "Limits";

    /// <summary>Largest request body (a batch); larger gets 413.</summary>
    public long MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest single item, as a PUT body or as one element of a batch.</summary>
    public long MaxItemBytes { get; set; } = 64 * 1024;
}
