using Matching.Contracts;

namespace Matching.Api;

/// <summary>What the API returns for a stored need.</summary>
public sealed record NeedResponse(
    string Id, string Title, string? Description, string[] Keywords, string? Industry, string? Country, int? MinTrl,
    TransferModes TransferModes, bool AcceptForeign, long Version, DateTimeOffset UpdatedAt, bool Confidential)
{
    public static NeedResponse From(Stored<NeedData> s) => new(
        s.Id, s.Data.Title, s.Data.Description, s.Data.Keywords, s.Data.Industry, s.Data.Country, s.Data.MinTrl,
        s.Data.TransferModes, s.Data.AcceptForeign, s.Version, s.UpdatedAt, s.Data.Confidential);
}
