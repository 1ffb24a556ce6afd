using System.Net;
using System.Text.Json.Nodes;
using Matching.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Matching.Tests.Http;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>: on for the embedded default, off for a cluster unless enabled.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task The_embedded_default_serves_the_dashboard_with_this_silo_and_its_grains()
    {
        var id = "dashboard-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""{"title":"Grain call profiling"}"""))).StatusCode);
        var page = await _http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        JsonNode? counters = null;
        await Wait.UntilAsync(async () =>
        {
            counters = JsonNode.Parse(await _http.GetStringAsync("/dashboard/DashboardCounters"));
            return counters!["simpleGrainStats"]!.AsArray().Any(g => (string?)g!["grainType"] == "Matching.Grains.IndexShardGrain");
        }, () => "no index shards in the dashboard's counters: " + counters?.ToJsonString()[..Math.Min(500, counters.ToJsonString().Length)]);
        Assert.Contains(counters!["hosts"]!.AsArray(), h => (string?)h!["status"] == "Active");
    }

    [Fact]
    public void The_embedded_silo_keeps_no_directory_cache_for_the_dashboard_to_walk()
    {
        var options = factory.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.None, options.CachingStrategy);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("127.0.0.1:6379", null, false)]
    [InlineData("127.0.0.1:6379", "true", true)]
    [InlineData(null, "false", false)]
    public void The_dashboard_is_off_in_cluster_mode_unless_enabled(string? redis, string? enabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Dashboard:Enabled"] = enabled,
        }).Build();
        Assert.Equal(expected, OrleansHosting.DashboardEnabled(configuration));
    }
}
