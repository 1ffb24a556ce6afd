namespace Matching.Load.Run;

/// <summary>
/// One objective: a latency percentile at most a limit ("p99=20ms"), or a share of failed requests at most a
/// budget ("errors=0.1%"). <see cref="Percentile"/> is 100 for "max" and null for "errors".
/// </summary>
public sealed record SloCriterion(string Name, double? Percentile, TimeSpan Limit, double ErrorRatio)
{
    /// <summary>The budget of failed requests when a latency SLO is given without "errors=": a latency held by failing is not held.</summary>
    public const double DefaultErrorRatio = 0.001;

    public bool IsErrors => Percentile is null;

    public override string ToString() => IsErrors
        ? $"errors <= {ErrorRatio * 100:0.###}%"
        : $"{Name} <= {Format.Duration(Limit)}";
}
