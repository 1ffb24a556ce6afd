using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Matching.Contracts;

/// <summary>Names, secrets and hashes of API keys.</summary>
public static partial class ApiKeyRules
{
    /// <summary>Most keys the registry holds: each API process caches them all.</summary>
    public const int MaxKeys = 10_000;

    /// <summary>What a tenant name may be.</summary>
    public const string TenantMessage = "must be 1 to 63 of a-z 0-9 -, starting with a letter or digit";

    /// <summary>What a key's name may be.</summary>
    public const string NameMessage = "must be 1 to 100 characters without control characters";

    /// <summary>The API name of a role: <c>portal</c>, <c>datascience</c> or <c>ops</c>.</summary>
    public static string RoleName(ApiRole role) => role switch
    {
        ApiRole.Portal => "portal",
        ApiRole.DataScience => "datascience",
        _ => "ops",
    };

    /// <summary>The role of an API name; false for any other text.</summary>
    public static bool TryParseRole(string? name, out ApiRole role)
    {
        role = Enum.GetValues<ApiRole>().FirstOrDefault(r => RoleName(r) == name);
        return RoleName(role) == name;
    }

    /// <summary>A tenant is the first segment of every grain key, so it has no '/' and a small alphabet.</summary>
    public static bool IsValidTenant(string? tenant) => tenant is not null && TenantPattern().IsMatch(tenant);

    /// <summary>Whether a key's name follows <see cref="NameMessage"/>.</summary>
    public static bool IsValidName(string? name) => name is { Length: >= 1 and <= 100 } && !name.Any(char.IsControl);

    /// <summary>A new key: its public id and its secret (the id, then 32 random bytes), shown to the caller once.</summary>
    public static (string Id, string Secret) NewKey()
    {
        var id = "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (id, $"mk_{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}");
    }

    /// <summary>What is stored of a secret: its SHA-256, hex. A secret of 256 random bits needs no slow hash.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex TenantPattern();
}
