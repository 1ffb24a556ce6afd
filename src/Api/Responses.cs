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

/// <summary>What the API returns for a stored need.</summary>
public sealed record NeedResponse(
    string Id, string Title, string? Description, string[] Keywords, string? Industry, string? Country, int? MinTrl,
    TransferModes TransferModes, bool AcceptForeign, long Version, DateTimeOffset UpdatedAt)
{
    public static NeedResponse From(Stored<NeedData> s) => new(
        s.Id, s.Data.Title, s.Data.Description, s.Data.Keywords, s.Data.Industry, s.Data.Country, s.Data.MinTrl,
        s.Data.TransferModes, s.Data.AcceptForeign, s.Version, s.UpdatedAt);
}

/// <summary>A need's shortlist of offers (needId is absent for an ad-hoc need).</summary>
public sealed record NeedShortlistResponse(string? NeedId, string ModelVersion, OfferHit[] Items)
{
    public static NeedShortlistResponse From(string? needId, Shortlist s) =>
        new(needId, s.ModelVersion, s.Items.Select(i => new OfferHit(i.Id, i.Score, i.Title, i.Reasons)).ToArray());
}

public sealed record OfferHit(string OfferId, double Score, string Title, string[] Reasons);

/// <summary>An offer's shortlist of needs.</summary>
public sealed record OfferShortlistResponse(string OfferId, string ModelVersion, NeedHit[] Items)
{
    public static OfferShortlistResponse From(string offerId, Shortlist s) =>
        new(offerId, s.ModelVersion, s.Items.Select(i => new NeedHit(i.Id, i.Score, i.Title, i.Reasons)).ToArray());
}

public sealed record NeedHit(string NeedId, double Score, string Title, string[] Reasons);

/// <summary>The outcome of a batch import.</summary>
public sealed record BatchResponse(int Accepted, BatchRejection[] Rejected);

public sealed record BatchRejection(int Index, string? Id, IDictionary<string, string[]> Errors);

/// <summary>What /v1/status reports.</summary>
public sealed record StatusResponse(Backlog Backlog, long Offers, long Needs, int ShardsPerSide, string ModelVersion, StatisticsStatus Statistics);

/// <summary>GET /v1/consistency: kept shortlists compared with fresh computations.</summary>
public sealed record ConsistencyResponse(long Checked, long Mismatched, Backlog BacklogBefore, MismatchResponse[] Mismatches);

/// <summary>One kept shortlist that differs from its fresh computation; <c>kind</c> is the owner's side.</summary>
public sealed record MismatchResponse(string Kind, string Id, ScoredId[] Kept, ScoredId[] Fresh);

public sealed record ScoredId(string Id, double Score);
