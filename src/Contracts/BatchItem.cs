namespace Matching.Contracts;

/// <summary>One valid item of a batch import: its id and its data.</summary>
[GenerateSerializer, Immutable, Alias("Matching.BatchItem`1")]
public sealed record BatchItem<T>(
    string Id,
    T Data);
