namespace Matching.Contracts;

/// <summary>
/// The structured fields of one item that the hard rules, the pair features and the reasons read, mapped once from
/// the stored item by <see cref="Of(OfferData)"/> and <see cref="Of(NeedData)"/>. 0 means not stated.
/// </summary>
/// <param name="Domain">An offer's field or a need's industry.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Trl">An offer's readiness (0 for a need).</param>
/// <param name="Modes">The transfer modes an offer allows or a need accepts.</param>
/// <param name="AcceptForeign">Whether a need accepts offers from other countries (true for an offer).</param>
/// <param name="MinTrl">A need's minimum readiness (0 for an offer).</param>
/// <param name="Confidential">A need whose text an offer's shortlist must not show (false for an offer).</param>
[GenerateSerializer, Immutable, Alias("Matching.ItemFacts")]
public sealed record ItemFacts(
    [property: Id(0)] string? Domain,
    [property: Id(1)] string? Country,
    [property: Id(2)] int Trl,
    [property: Id(3)] TransferModes Modes,
    [property: Id(4)] bool AcceptForeign,
    [property: Id(5)] int MinTrl = 0,
    [property: Id(6)] bool Confidential = false)
{
    /// <summary>An offer's facts.</summary>
    public static ItemFacts Of(OfferData offer) =>
        new(offer.Field, offer.Country, offer.Trl ?? 0, offer.TransferModes, AcceptForeign: true);

    /// <summary>A need's facts.</summary>
    public static ItemFacts Of(NeedData need) =>
        new(need.Industry, need.Country, Trl: 0, need.TransferModes, need.AcceptForeign, need.MinTrl ?? 0, need.Confidential);

    /// <summary>
    /// Facts as stored by an earlier version, made current: needs stored before <see cref="MinTrl"/> had its own field
    /// carried their minimum in <see cref="Trl"/>. An index shard applies it to what it reads back from storage.
    /// </summary>
    public ItemFacts Upgraded(Side side) =>
        side == Side.Needs && this is { Trl: > 0, MinTrl: 0 } ? this with { Trl = 0, MinTrl = Trl } : this;
}
