namespace Matching.Contracts;

/// <summary>A first-phase query against one side: the querying item's vector and facets, its facts and how many to return.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexQuery")]
public sealed record IndexQuery(
    [property: Id(0)] int[] Slots,
    [property: Id(1)] float[] Weights,
    [property: Id(2)] ItemFacts Facts,
    [property: Id(3)] int Count,
    [property: Id(4)] TextFacets Facets);
