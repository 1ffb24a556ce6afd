using System.Net;
using System.Text.Json.Nodes;

namespace Matching.Tests.Http;

/// <summary>The demo portal page at <c>/</c>: static files the API serves, with the demo corpus its load button posts.</summary>
[Collection(ApiCollection.Name)]
public sealed class DemoPageTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task The_page_its_script_and_the_demo_corpus_are_served()
    {
        var page = await _http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Matching demo portal</title>", html, StringComparison.Ordinal);
        Assert.Contains("demo.js", html, StringComparison.Ordinal);

        var script = await _http.GetStringAsync("/demo.js");
        Assert.Contains("/shortlist/events", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/demo.css")).StatusCode);

        var offers = JsonNode.Parse(await _http.GetStringAsync("/demo/offers.json"))!.AsArray();
        Assert.True(offers.Count >= 100);
        Assert.All(offers, o => Assert.False(string.IsNullOrEmpty((string?)o!["id"])));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/demo/needs.json")).StatusCode);
    }
}
