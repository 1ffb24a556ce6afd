using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Matching.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against <see cref="ApiKeyCache"/>: the caller gets its key's tenant
/// and role. With no admin key configured every request is tenant default with every role (the embedded default).
/// 401 and 403 are problem documents.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> scheme, ILoggerFactory logs, UrlEncoder encoder,
    ApiKeyCache keys, IOptions<AuthOptions> auth, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(scheme, logs, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly ApiKeyInfo Everyone = new("open", GrainKeys.DefaultTenant, ApiRole.Ops, "no keys configured", DateTimeOffset.UnixEpoch);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!auth.Value.KeysChecked)
        {
            return Success(Everyone, ApiRoles.Portal, ApiRoles.DataScience, ApiRoles.Ops);
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");
        }

        var key = await keys.FindAsync(header["Bearer ".Length..].Trim());
        return key is null ? AuthenticateResult.Fail("The API key is unknown or revoked.") : Success(key, ApiKeyRules.RoleName(key.Role));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Write(StatusCodes.Status401Unauthorized, "An API key is required.", failure ?? "Send an API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value;
        return Write(StatusCodes.Status403Forbidden, "This key may not do that.", $"A {role} key may not {Request.Method} {Request.Path}.");
    }

    private AuthenticateResult Success(ApiKeyInfo key, params string[] roles)
    {
        var claims = new List<Claim> { new(ApiRoles.TenantClaim, key.Tenant), new(ApiRoles.KeyClaim, key.Id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private async Task Write(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
