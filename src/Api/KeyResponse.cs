namespace Matching.Api;

/// <summary>An API key as ops list it; <see cref="Key"/>, the secret, only in the answer that creates it.</summary>
public sealed record KeyResponse(string Id, string Tenant, string Role, string Name, DateTimeOffset CreatedAt, string? Key = null)
{
    public static KeyResponse From(ApiKeyInfo info, string? secret = null) =>
        new(info.Id, info.Tenant, ApiKeyRules.RoleName(info.Role), info.Name, info.CreatedAt, secret);
}
