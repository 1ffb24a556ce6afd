namespace Matching.Contracts;

/// <summary>A technology offer as the portal states it (validated by <see cref="ItemRules"/>).</summary>
[GenerateSerializer, Immutable, Alias("Matching.OfferData")]
public record OfferData
{
    /// <summary>Required, 1..300 characters, trimmed.</summary>
    [Id(0)] public required string Title { get; init; }
    /// <summary>At most 20,000 characters.</summary>
    [Id(1)] public string? Description { get; init; }
    /// <summary>At most 32 keywords of 1..64 characters.</summary>
    [Id(2)] public string[] Keywords { get; init; } = [];
    /// <summary>Technology field code, at most 64 characters.</summary>
    [Id(3)] public string? Field { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    [Id(4)] public string? Country { get; init; }
    /// <summary>Technology readiness level 1..9.</summary>
    [Id(5)] public int? Trl { get; init; }
    /// <summary>Modes the owner allows.</summary>
    [Id(6)] public TransferModes TransferModes { get; init; }
    /// <summary>The owning institution, at most 200 characters.</summary>
    [Id(7)] public string? Owner { get; init; }

    /// <summary>Value equality that compares keyword lists by content (records compare arrays by reference).</summary>
    public bool SameAs(OfferData other) =>
        this with { Keywords = [] } == other with { Keywords = [] } && Keywords.SequenceEqual(other.Keywords);
}
