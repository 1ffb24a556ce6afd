namespace Matching.Load.Run;

/// <summary>How one criterion came out.</summary>
public sealed record SloOutcome(string Criterion, double LimitMs, double ActualMs, bool Held)
{
    /// <summary>For "errors": the budget and the actual share, as ratios.</summary>
    public double? LimitRatio { get; init; }

    public double? ActualRatio { get; init; }
}
