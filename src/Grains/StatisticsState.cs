namespace Matching.Grains;

/// <summary>What storage holds of a tenant's statistics: the current snapshot, written whole once per refresh.</summary>
[GenerateSerializer, Alias("Matching.StatisticsState")]
public sealed class StatisticsState
{
    [Id(0)] public StatisticsSnapshot Snapshot { get; set; } = StatisticsSnapshot.Empty;
}
