namespace Matching.Contracts;

/// <summary>
/// An item as its index shard holds it: a sparse text vector (slots ascending), the facets the pair features
/// read, compact facts and the item's version.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexEntry")]
public sealed record IndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int[] Slots,
    [property: Id(3)] float[] Weights,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] long Version,
    [property: Id(6)] TextFacets Facets);
