namespace Matching.Contracts;

/// <summary>An enterprise need as the portal states it (validated by <see cref="ItemRules"/>).</summary>
[GenerateSerializer, Immutable, Alias("Matching.NeedData")]
public record NeedData
{
    /// <summary>Required, 1..300 characters, trimmed.</summary>
    [Id(0)] public required string Title { get; init; }
    /// <summary>At most 20,000 characters.</summary>
    [Id(1)] public string? Description { get; init; }
    /// <summary>At most 32 keywords of 1..64 characters.</summary>
    [Id(2)] public string[] Keywords { get; init; } = [];
    /// <summary>Industry code, compared with an offer's field.</summary>
    [Id(3)] public string? Industry { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    [Id(4)] public string? Country { get; init; }
    /// <summary>Offers below this readiness level are never shortlisted.</summary>
    [Id(5)] public int? MinTrl { get; init; }
    /// <summary>Modes the enterprise accepts; when both sides state modes they must share one.</summary>
    [Id(6)] public TransferModes TransferModes { get; init; }
    /// <summary>When false, only offers of the same country qualify.</summary>
    [Id(7)] public bool AcceptForeign { get; init; } = true;
    /// <summary>When true, an offer's shortlist shows only the need's id, industry and score: never its title, or reasons that quote its text.</summary>
    [Id(8)] public bool Confidential { get; init; }

    /// <summary>Value equality that compares keyword lists by content.</summary>
    public bool SameAs(NeedData other) =>
        this with { Keywords = [] } == other with { Keywords = [] } && Keywords.SequenceEqual(other.Keywords);
}
