namespace Matching.Load.Generation;

/// <summary>An owner of offers and the country it sits in.</summary>
public sealed record Institution(string Name, string Country);
