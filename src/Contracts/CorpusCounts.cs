namespace Matching.Contracts;

/// <summary>One index shard's live counts of its items: documents, total length, and document frequency by slot (ascending).</summary>
[GenerateSerializer, Immutable, Alias("Matching.CorpusCounts")]
public sealed record CorpusCounts(long Documents, long TotalLength, int[] Slots, int[] Frequencies);
