namespace Matching.Contracts;

/// <summary>Size of one shard, for status and memory accounting, and the items bulk imports indexed since it was activated.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShardStats")]
public sealed record ShardStats(int Items, long Postings, long Imported);
