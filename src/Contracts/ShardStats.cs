namespace Matching.Contracts;

/// <summary>
/// Size of one shard, for status and memory accounting, and the items bulk imports indexed since it was activated.
/// While the shard reweighs for a new statistics snapshot, <see cref="Reweighing"/> is set and the counts are those
/// it had before.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.ShardStats")]
public sealed record ShardStats(
    [property: Id(0)] int Items,
    [property: Id(1)] long Postings,
    [property: Id(2)] long Imported,
    [property: Id(3)] bool Reweighing);
