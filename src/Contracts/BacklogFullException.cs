namespace Matching.Contracts;

/// <summary>
/// A single write refused because the propagation queue it would join is behind its bound (README, "Admission
/// control"): nothing was stored; the writer should retry after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Alias("Matching.BacklogFullException")]
public sealed class BacklogFullException : Exception
{
    /// <summary>A refusal with a default wait of one second.</summary>
    public BacklogFullException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>A refusal that asks the writer to wait <paramref name="retryAfter"/>.</summary>
    public BacklogFullException(TimeSpan retryAfter)
        : base($"Changes are propagating behind their bound; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the writer should wait before it tries again.</summary>
    [Id(0)]
    public TimeSpan RetryAfter { get; private set; }
}
