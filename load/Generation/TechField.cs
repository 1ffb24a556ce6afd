namespace Matching.Load.Generation;

/// <summary>A technology field: its code (an offer's field, a need's industry), its name and its concepts.</summary>
public sealed record TechField(string Code, Concept Name, IReadOnlyList<Concept> Concepts);
