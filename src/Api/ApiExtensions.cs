using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Matching.Grains;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Matching.Api;

public static class ApiExtensions
{
    /// <summary>JSON, limits, problem documents and health checks.</summary>
    public static WebApplicationBuilder AddMatchingApi(this WebApplicationBuilder builder)
    {
        // API.md's default address, unless --urls or ASPNETCORE_URLS chose one (a "Urls" key in appsettings.json
        // would silently override ASPNETCORE_URLS, so the default lives here).
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.Services.AddOptions<ApiLimits>().BindConfiguration(ApiLimits.Section)
            .Validate(l => l.MaxItemBytes > 0 && l.MaxRequestBytes >= l.MaxItemBytes, "Limits: MaxRequestBytes must be at least MaxItemBytes > 0")
            .Validate(l => l.MaxBatchItems > 0 && l.MaxFeedbackBytes > 0 && l.MaxWebhookBytes > 0 && l.MaxKeyBytes > 0, "Limits: MaxBatchItems, MaxFeedbackBytes, MaxWebhookBytes and MaxKeyBytes must be positive")
            .Validate(l => l.MaxModelBytes is > 0 and <= int.MaxValue, $"Limits: MaxModelBytes must be 1 to {int.MaxValue}")
            .ValidateOnStart();

        builder.Services.AddWebhookTargets(); // registrations are checked against the target policy (SSRF)
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new TransferModesJsonConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers, as the readers and the document say
            // Chinese titles and reasons stay readable in the response instead of \uXXXX escapes.
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.AddApiKeys();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ErrorHandler>();
        builder.Services.AddHealthChecks().AddCheck<ReadyCheck>("cluster", tags: ["ready"]);
        builder.Services.AddShortlistEvents();
        builder.Services.AddApiDocument();
        var telemetry = builder.Services.AddMatchingTelemetry(builder.Configuration, "matching-api")
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (Telemetry.Exports(builder.Configuration))
        {
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation());
        }

        return builder;
    }

    /// <summary>Every endpoint of API.md that exists so far.</summary>
    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // unknown routes and wrong methods get problem documents too
        // The demo portal page at / (src/Api/wwwroot); API calls never look for a file.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/v1"), page =>
        {
            page.UseDefaultFiles();
            page.UseStaticFiles();
            // The repository's demo corpus, copied beside the build output (Matching.Api.csproj), for the page's load button.
            var demo = Path.Combine(AppContext.BaseDirectory, "wwwroot", "demo");
            if (Directory.Exists(demo))
            {
                page.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(demo), RequestPath = "/demo" });
            }
        });

        app.UseApiKeys();
        app.MapOffers();
        app.MapNeeds();
        app.MapSearch();
        app.MapShortlistEvents();
        app.MapWebhooks();
        app.MapFeedback();
        app.MapModels();
        app.MapKeys();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics").AllowRoles(ApiRoles.Ops);
        if (OrleansHosting.DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard("/dashboard").AllowRoles(ApiRoles.Ops);
        }

        app.MapOpenApi(ApiDocument.Path);
        app.MapScalarApiReference("/docs", o => o.WithTitle("Matching HTTP API").WithOpenApiRoutePattern(ApiDocument.Path));
        return app;
    }
}
