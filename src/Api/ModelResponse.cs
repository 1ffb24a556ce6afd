namespace Matching.Api;

/// <summary>
/// One registered model as API.md shows it, plus <c>baseline</c> (not in API.md, which allows added fields): text
/// similarity alone's metrics on the same held-out needs as <c>metrics</c>, which are each model's own split's.
/// </summary>
public sealed record ModelResponse(string Version, DateTimeOffset CreatedAt, bool Active, string Trainer, Dictionary<string, double> Metrics, Dictionary<string, double> Baseline)
{
    public static ModelResponse From(ModelInfo m) => new(m.Version, m.CreatedAt, m.Active, m.Trainer, m.Metrics, m.Baseline);
}
