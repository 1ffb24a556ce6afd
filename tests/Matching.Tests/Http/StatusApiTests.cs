using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class StatusApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Status_reports_the_backlog_counts_shards_and_model()
    {
        await Http.WaitForQuietAsync(_http);
        var body = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!;

        Assert.Equal(0, (long)body["backlog"]!["pending"]!);
        Assert.Equal(0, (long)body["backlog"]!["oldestAgeMs"]!);
        Assert.Equal(4, (int)body["shardsPerSide"]!);
        Assert.True((long)body["offers"]! >= 0);
        Assert.False(string.IsNullOrEmpty((string?)body["modelVersion"]));
    }

    [Fact]
    public async Task Status_reports_a_bulk_imports_progress_until_every_list_is_computed()
    {
        await Http.WaitForQuietAsync(_http);
        var before = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!["import"]!;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var offers = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"id":"{{prefix}}-{{i}}","title":"Perovskite tandem cell {{i}}"}"""));

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/v1/offers/batch", Http.JsonBody($"[{offers}]"))).StatusCode);
        await Http.WaitForQuietAsync(_http);
        var after = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!["import"]!;

        Assert.Equal(1000, (long)after["itemsImported"]! - (long)before["itemsImported"]!);
        Assert.True((long)after["listsComputed"]! - (long)before["listsComputed"]! >= 1000, after.ToJsonString()); // each imported offer's own list, by the sweep
        Assert.Equal(0, (long)after["listsLeft"]!);
        Assert.Null(after["secondsLeft"]);
    }

    [Fact]
    public async Task Health_live_and_ready_answer_200()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/live")).StatusCode);
        var ready = await _http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
