namespace Matching.Api;

/// <summary>The role names that the key handler puts in a caller's claims and the endpoints require.</summary>
public static class ApiRoles
{
    public const string Portal = "portal"; // ApiKeyRules.RoleName(ApiRole.Portal), as a constant for attributes
    public const string DataScience = "datascience";
    public const string Ops = "ops";

    /// <summary>The claim that carries a caller's tenant, and the one that names its key (for rate limiting).</summary>
    public const string TenantClaim = "matching:tenant";
    public const string KeyClaim = "matching:key";
}
