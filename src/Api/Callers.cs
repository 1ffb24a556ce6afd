using System.Security.Claims;

namespace Matching.Api;

/// <summary>Who is calling: the tenant of the caller's key decides every grain key a request touches.</summary>
public static class Callers
{
    public static string Tenant(this ClaimsPrincipal user) => user.FindFirstValue(ApiRoles.TenantClaim) ?? GrainKeys.DefaultTenant;

    /// <summary>
    /// The tenant an ops-or-portal route acts on: <c>?tenant=</c> for ops (any tenant), a portal's own otherwise; a
    /// portal naming another tenant is refused (403), a malformed name too (400).
    /// </summary>
    public static (string Tenant, ProblemHttpResult? Problem) TenantFor(this ClaimsPrincipal user, string? requested)
    {
        if (requested is null)
        {
            return (user.Tenant(), null);
        }

        if (!ApiKeyRules.IsValidTenant(requested))
        {
            return ("", Problems.BadRequest("The tenant is invalid.", $"tenant {ApiKeyRules.TenantMessage}."));
        }

        return user.IsInRole(ApiRoles.Ops) || requested == user.Tenant()
            ? (requested, null)
            : ("", TypedResults.Problem(detail: "A portal key acts on its own tenant only.", statusCode: StatusCodes.Status403Forbidden, title: "This key may not do that."));
    }
}
