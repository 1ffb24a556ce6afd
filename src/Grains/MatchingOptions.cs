namespace Matching.Grains;

/// <summary>Silo-side settings, bound from the "Matching" configuration section.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// Index shards per side and tenant. Fixed for the life of the data: an item's shard is its id's hash
    /// modulo this number. More shards spread one side over more silos and cores.
    /// </summary>
    public int ShardCount { get; set; } = 8;
}
