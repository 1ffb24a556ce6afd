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
    public async Task Health_live_and_ready_answer_200()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/live")).StatusCode);
        var ready = await _http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
