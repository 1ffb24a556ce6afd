namespace Matching.Contracts;

/// <summary>Size of one shard, for status and memory accounting.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShardStats")]
public sealed record ShardStats(
    [property: Id(0)] int Items,
    [property: Id(1)] long Postings);
