namespace Matching.Grains;

/// <summary>
/// An item of a kept list or pool: <see cref="Similarity"/> (rounded first-phase BM25) is what the list is kept by: its
/// floor and reserve, because the first phase can find every list an item may enter by it; <see cref="Served"/>
/// carries the ranker's score and the reasons. A struct: a list holds 30 of them, inline in its array.
/// </summary>
public readonly record struct KeptItem(string Id, double Similarity, ShortlistItem Served);
