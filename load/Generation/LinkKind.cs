namespace Matching.Load.Generation;

/// <summary>Why the generator linked an offer to a need. The files carry the grade only.</summary>
public enum LinkKind
{
    /// <summary>Written from the need's topic and passes every hard rule: grade 4.</summary>
    Match,
    /// <summary>Same field, some of the topic's concepts: grade 3 (two shared), 2 (one) or 1 (none).</summary>
    Partial,
    /// <summary>Written from the need's topic but breaks a hard rule (TRL, transfer modes or country): grade 0.</summary>
    NearMiss,
    /// <summary>An offer of another field: grade 0.</summary>
    OtherField,
}
