using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Matching.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Matching.Tests.Unit;

/// <summary>
/// The OTLP wiring: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the real exporter posts the Matching meter and grain
/// call traces to it (here a collector stub in this process that keeps what it is sent); without it, no traces.
/// </summary>
public sealed class TelemetryWiringTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_metrics_and_grain_call_traces_reach_the_collector()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        var endpoint = collector.Urls.First();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        builder.Services.AddMatchingTelemetry(builder.Configuration, "wiring-test");
        using var host = builder.Build();
        await host.StartAsync();

        using var source = new ActivitySource(Telemetry.OrleansSources[1]);
        using (source.StartActivity("IOfferGrain/PutAsync"))
        {
            MatchingMetrics.Recomputes.Add(1);
        }

        await Wait.UntilAsync(() => Task.FromResult(Has("/v1/metrics", "matching.kept.recomputes") && Has("/v1/traces", "IOfferGrain/PutAsync")),
            () => $"the collector got {string.Join(", ", received.Select(r => r.Path))}");
        await host.StopAsync();

        bool Has(string path, string text) => received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_endpoint_nothing_is_exported_and_no_trace_is_made()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        Assert.False(Telemetry.Exports(configuration));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMatchingTelemetry(configuration, "wiring-test");
        using var host = builder.Build();
        using var source = new ActivitySource(Telemetry.OrleansSources[0]);
        Assert.False(source.HasListeners());
    }

    /// <summary>A collector stub: Kestrel on a free loopback port, keeping each OTLP/HTTP post.</summary>
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string Path, byte[] Body)> received)
    {
        var app = WebApplication.CreateSlimBuilder();
        app.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = app.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value!, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
