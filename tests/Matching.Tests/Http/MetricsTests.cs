using System.Net;

namespace Matching.Tests.Http;

/// <summary><c>/metrics</c> is a Prometheus scrape of the Matching meter, Orleans' meters and ASP.NET Core's, by route.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task A_write_shows_in_the_matching_series_and_the_request_series_by_route()
    {
        var id = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""{"title":"Prometheus scrape exporter"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/needs/{id}", Http.JsonBody("""{"title":"A Prometheus scrape exporter"}"""))).StatusCode);
        await Http.WaitForQuietAsync(_http);

        string scrape = "";
        await Wait.UntilAsync(async () =>
        {
            scrape = await _http.GetStringAsync("/metrics");
            return scrape.Contains("matching_propagation_lag_milliseconds_count", StringComparison.Ordinal);
        }, () => "no propagation lag series in /metrics:\n" + scrape[..Math.Min(scrape.Length, 2000)]);

        Assert.Matches(@"matching_first_phase_shard_queries_total\{[^}]*\} [1-9]", scrape);
        Assert.Matches(@"matching_kept_recomputes_total\{[^}]*\} [1-9]", scrape);
        Assert.Contains("matching_propagation_pending", scrape, StringComparison.Ordinal);
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_request_method=""PUT""[^}]*http_route=""/v1/offers/\{id\}""", scrape);
        Assert.Contains("orleans_", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", scrape, StringComparison.Ordinal);
    }
}
