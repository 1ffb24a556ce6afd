using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Api;
using Matching.Contracts;
using Microsoft.Extensions.DependencyInjection;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>Server-sent events of kept shortlists over real HTTP (API.md "Push"); changes published to the cluster's stream as the item grains do.</summary>
[Collection(ApiCollection.Name)]
public sealed class ShortlistEventsTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "e" + Guid.NewGuid().ToString("N")[..8] + "-";

    private async Task Put(string path, string json) =>
        Assert.True((await _http.PutAsync(path, JsonBody(json))).IsSuccessStatusCode, path);

    [Fact]
    public async Task The_first_event_is_the_current_shortlist_then_a_change_of_the_item_arrives()
    {
        await Put($"/v1/offers/{_p}o1", """{"title":"Selenium-doped perovskite solar ink"}""");
        await Put($"/v1/needs/{_p}n", """{"title":"Perovskite solar ink for printed modules"}""");
        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events?k=2");

        var first = await sse.NextEventAsync();
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}other", 1, [], "x1", "x2"));
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Offers, $"{_p}n", 1, [], "x3"));
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}n", 7, [$"{_p}o1"], "a", "b", "c"));
        var change = await sse.NextEventAsync();

        Assert.Equal("shortlist", first.Event);
        Assert.Null(first.Id);
        var current = JsonNode.Parse(first.Data!)!;
        Assert.Equal($"{_p}n", (string)current["needId"]!);
        Assert.Equal($"{_p}o1", (string)current["items"]!.AsArray()[0]!["offerId"]!);
        // Only this need's own change arrives: not another need's, not an offer's of the same id.
        Assert.Equal("shortlist", change.Event);
        Assert.Equal($"need:{_p}n:7", change.Id);
        var data = JsonNode.Parse(change.Data!)!;
        Assert.Equal($"{_p}n", (string)data["needId"]!);
        Assert.Equal("test-model", (string)data["modelVersion"]!);
        Assert.Equal(["a", "b"], data["items"]!.AsArray().Select(i => (string)i!["offerId"]!));
        Assert.Equal(new[] { "offerId", "reasons", "score", "title" }, data["items"]!.AsArray()[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writing_a_matching_offer_pushes_the_needs_new_shortlist()
    {
        await Put($"/v1/needs/{_p}n", """{"title":"Tungsten carbide recycling by zinc process","keywords":["tungsten carbide","zinc process"]}""");
        await WaitForQuietAsync(_http);
        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events?k=1");
        var first = await sse.NextEventAsync();

        await Put($"/v1/offers/{_p}o", """{"title":"Zinc process for tungsten carbide scrap recycling","keywords":["tungsten carbide"]}""");
        var change = await sse.NextEventAsync();

        Assert.DoesNotContain($"{_p}o", first.Data);
        Assert.StartsWith($"need:{_p}n:", change.Id);
        var data = JsonNode.Parse(change.Data!)!;
        Assert.Equal($"{_p}n", (string)data["needId"]!);
        Assert.Equal($"{_p}o", (string)data["items"]!.AsArray().Single()!["offerId"]!);
        // What was pushed is what a read of the kept list now returns: the same items in the same order (a statistics
        // refresh after the offer's write may rescore them without reordering, which pushes nothing).
        await WaitForQuietAsync(_http);
        var read = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist?k=1"))!;
        Assert.Equal(Items(data), Items(read));

        static string[] Items(JsonNode list) =>
            [.. list["items"]!.AsArray().Select(i => $"{(string)i!["offerId"]!} {(string)i["title"]!} {string.Join("|", i["reasons"]!.AsArray().Select(r => (string)r!))}")];
    }

    [Fact]
    public async Task An_offer_stream_uses_the_offer_shape()
    {
        await Put($"/v1/offers/{_p}o", """{"title":"Graphene anticorrosion primer"}""");
        using var sse = await SseClient.OpenAsync(_http, $"/v1/offers/{_p}o/shortlist/events");

        var first = await sse.NextEventAsync();
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Offers, $"{_p}o", 1, [], "n1"));
        var change = await sse.NextEventAsync();

        Assert.Equal($"{_p}o", (string)JsonNode.Parse(first.Data!)!["offerId"]!);
        Assert.Equal($"offer:{_p}o:1", change.Id);
        Assert.Equal("n1", (string)JsonNode.Parse(change.Data!)!["items"]!.AsArray().Single()!["needId"]!);
    }

    [Fact]
    public async Task A_change_below_the_top_k_is_not_sent()
    {
        await Put($"/v1/needs/{_p}n", """{"title":"Anything at all"}""");
        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events?k=1");
        await sse.NextEventAsync();

        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}n", 1, [], "a", "b"));
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}n", 2, ["a", "b"], "a", "c"));
        await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}n", 3, ["a", "c"], "c", "a"));

        Assert.Equal($"need:{_p}n:1", (await sse.NextEventAsync()).Id);
        Assert.Equal($"need:{_p}n:3", (await sse.NextEventAsync()).Id);
    }

    [Fact]
    public async Task An_idle_connection_gets_keep_alive_comments()
    {
        await Put($"/v1/needs/{_p}n", """{"title":"Anything at all"}""");
        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events");

        await sse.NextEventAsync();
        var frame = await sse.NextAsync();

        Assert.Equal("keep-alive", frame.Comment);
        Assert.Equal("no-cache", sse.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_closed_connection_leaves_the_hub()
    {
        var hub = factory.Services.GetRequiredService<ShortlistHub>();
        await Put($"/v1/needs/{_p}n", """{"title":"Anything at all"}""");
        var before = hub.ConnectionCount;

        using (var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events"))
        {
            await sse.NextEventAsync();
            Assert.Equal(before + 1, hub.ConnectionCount);
        }

        await Wait.UntilAsync(() => hub.ConnectionCount == before, "the hub still counts the closed connection", SseClient.Deadline);
    }

    [Fact]
    public async Task An_unknown_item_is_a_404_problem_and_leaves_no_connection()
    {
        var hub = factory.Services.GetRequiredService<ShortlistHub>();
        var before = hub.ConnectionCount;

        await AssertProblem(await _http.GetAsync($"/v1/needs/{_p}missing/shortlist/events"), HttpStatusCode.NotFound);
        await AssertProblem(await _http.GetAsync($"/v1/offers/{_p}missing/shortlist/events"), HttpStatusCode.NotFound);
        // At most as many as before: an earlier test's connection may still be closing, never one more.
        Assert.InRange(hub.ConnectionCount, 0, before);
    }

    [Theory]
    [InlineData("?k=0")]
    [InlineData("?k=21")]
    [InlineData("?k=abc")]
    [InlineData("?k=1&k=2")]
    public async Task A_bad_k_is_a_400_problem(string query)
    {
        await Put($"/v1/needs/{_p}n", """{"title":"Anything at all"}""");

        var problem = await AssertProblem(await _http.GetAsync($"/v1/needs/{_p}n/shortlist/events{query}"), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["k"]);
    }

    [Fact]
    public async Task An_invalid_id_is_a_400_problem()
    {
        await AssertProblem(await _http.GetAsync("/v1/needs/bad%20id/shortlist/events"), HttpStatusCode.BadRequest);
    }
}
