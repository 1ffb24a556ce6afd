using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Matching.Api;

/// <summary>What the API returns for a stored need: its fields, inherited so that a new one needs no change here, with id, version and updatedAt.</summary>
public sealed record NeedResponse : NeedData
{
    [SetsRequiredMembers]
    private NeedResponse(Stored<NeedData> s) : base(s.Data) => (Id, Version, UpdatedAt) = (s.Id, s.Version, s.UpdatedAt);

    [JsonPropertyOrder(-1)] public string Id { get; init; }
    [JsonPropertyOrder(1)] public long Version { get; init; }
    [JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }

    public static NeedResponse From(Stored<NeedData> s) => new(s);
}
