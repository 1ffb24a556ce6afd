namespace Matching.Contracts;

/// <summary>A first-phase query against one side: the querying item's text profile, its facts and how many to return.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexQuery")]
public sealed record IndexQuery(
    [property: Id(0)] TextProfile Text,
    [property: Id(1)] ItemFacts Facts,
    [property: Id(2)] int Count);
