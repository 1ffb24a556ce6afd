using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task The_sweep_gate_counts_no_propagation_once_the_backlog_is_empty()
    {
        var id = "gate-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""{"title":"Sweep gate offer"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/needs/{id}", Http.JsonBody("""{"title":"Sweep gate need"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""{"title":"Sweep gate offer, changed"}"""))).StatusCode);

        await Http.WaitForQuietAsync(_http);

        var gate = factory.Services.GetRequiredService<SweepGate>();
        Assert.Equal(0, gate.Propagations); // else every later sweep wave would wait
        Assert.Equal(0, gate.Writes); // every admitted write has ended
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
