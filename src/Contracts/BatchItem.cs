namespace Matching.Contracts;

/// <summary>One valid item of a batch import: its id and its data.</summary>
[GenerateSerializer, Immutable, Alias("Matching.BatchItem`1")]
public sealed record BatchItem<T>(
    [property: Id(0)] string Id,
    [property: Id(1)] T Data);
