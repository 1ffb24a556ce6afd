namespace Matching.Contracts;

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
    string Version,
    DateTimeOffset CreatedAt,
    string Trainer,
    Dictionary<string, double> Metrics,
    bool Active)
{
    /// <summary>
    /// The same metrics for text similarity alone on the same held-out needs (the model file's <c>baseline</c>): what
    /// <see cref="Metrics"/> compares with. Empty when the file records none; read-only once built.
    /// </summary>
    [Id(5)]
    public Dictionary<string, double> Baseline { get; init; } = [];
}
