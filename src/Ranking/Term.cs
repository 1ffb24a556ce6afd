namespace Matching.Ranking;

/// <summary>One term of a text: the key it is matched by, and the text's own spelling for reasons.</summary>
public readonly record struct Term(string Key, string Surface, TermKind Kind);
