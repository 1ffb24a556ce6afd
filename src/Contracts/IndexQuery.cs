namespace Matching.Contracts;

/// <summary>A first-phase query against one side: the querying item's text profile, its facts and how many to return.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexQuery")]
public sealed record IndexQuery(TextProfile Text, ItemFacts Facts, int Count);
