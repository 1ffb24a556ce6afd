using Matching.Contracts;

namespace Matching.Api;

/// <summary>What the API returns for a stored offer: its fields plus id, version and updatedAt.</summary>
public sealed record OfferResponse(
    string Id, string Title, string? Description, string[] Keywords, string? Field, string? Country, int? Trl,
    TransferModes TransferModes, string? Owner, long Version, DateTimeOffset UpdatedAt)
{
    public static OfferResponse From(Stored<OfferData> s) => new(
        s.Id, s.Data.Title, s.Data.Description, s.Data.Keywords, s.Data.Field, s.Data.Country, s.Data.Trl,
        s.Data.TransferModes, s.Data.Owner, s.Version, s.UpdatedAt);
}
