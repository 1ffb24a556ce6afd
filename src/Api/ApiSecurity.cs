using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matching.Api;

/// <summary>API keys, roles and per-key rate limits (README, "Keys and tenants").</summary>
public static class ApiSecurity
{
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var clustered = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis"));
        if (clustered && !options.KeysChecked && !options.AllowAnonymous)
        {
            throw new InvalidOperationException(
                "A cluster (ConnectionStrings:redis) needs an admin key: set Auth:AdminKey (e.g. Auth__AdminKey), or Auth:AllowAnonymous=true to run it open.");
        }

        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.RefreshPeriod > TimeSpan.Zero && o.PermitsPerSecond > 0 && o.Burst > 0, "Auth: RefreshPeriod, PermitsPerSecond and Burst must be positive")
            .Validate(o => o.AdminKey is null || o.AdminKey.Length >= 32, "Auth:AdminKey must be at least 32 characters")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddHostedService<ApiKeyRefresher>();
        builder.Services.AddAuthentication(ApiKeyHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            if (!options.KeysChecked)
            {
                return; // one open caller: nothing to share fairly
            }

            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // A key's own bucket; callers without a known key share one per address (guessing keys is limited too).
                var key = context.User.FindFirst(ApiRoles.KeyClaim)?.Value ?? "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancel) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = $"This key's limit is {options.PermitsPerSecond} requests a second; retry after {retry} s." },
                });
            };
        });
        return builder;
    }

    /// <summary>Only callers with one of <paramref name="roles"/> reach the endpoint (401 without a key, 403 with another role).</summary>
    public static TBuilder AllowRoles<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });

    /// <summary>Authentication, then the rate limit (it reads the key), then authorization; logs which mode runs.</summary>
    public static WebApplication UseApiKeys(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiSecurity));
        if (auth.KeysChecked)
        {
            log.LogInformation("API keys are checked: every /v1 call needs 'Authorization: Bearer <key>'.");
        }
        else
        {
            log.LogWarning("No Auth:AdminKey: API keys are not checked, and every request acts as tenant '{Tenant}' with every role.", GrainKeys.DefaultTenant);
        }

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
