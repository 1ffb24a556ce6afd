namespace Matching.Contracts;

/// <summary>One index shard's live counts of its items: documents, total length, and document frequency by slot (ascending).</summary>
[GenerateSerializer, Immutable, Alias("Matching.CorpusCounts")]
public sealed record CorpusCounts(
    [property: Id(0)] long Documents,
    [property: Id(1)] long TotalLength,
    [property: Id(2)] int[] Slots,
    [property: Id(3)] int[] Frequencies);
