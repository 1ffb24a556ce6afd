using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Matching.Grains;

/// <summary>
/// OpenTelemetry for a Matching process: metrics of the <c>Matching</c> meter, Orleans' own meter and the .NET runtime;
/// traces of grain calls. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard variables
/// choose protocol, headers and interval); traces are off otherwise, so that no activity is made for nobody.
/// </summary>
public static class Telemetry
{
    /// <summary>Orleans' meter, and its sources of grain-call activities (with <c>AddActivityPropagation</c>).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Whether traces are exported: an OTLP endpoint is configured.</summary>
    public static bool Exports(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static OpenTelemetryBuilder AddMatchingTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m.AddMeter(MatchingMetrics.MeterName, OrleansMeter).AddRuntimeInstrumentation());
        if (Exports(configuration))
        {
            telemetry.WithTracing(t => t.AddSource(OrleansSources)).UseOtlpExporter();
        }

        return telemetry;
    }
}
