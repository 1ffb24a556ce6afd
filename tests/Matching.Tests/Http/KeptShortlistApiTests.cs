using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>Kept shortlists as a portal sees them: writes on one side change the other side's lists, and ops can check them.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeptShortlistApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "kept" + Guid.NewGuid().ToString("N")[..8] + "-";

    private async Task Send(HttpMethod method, string path, string? json = null)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : JsonBody(json) });
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
    }

    private async Task<string[]> Ids(string path) =>
        (await _http.GetFromJsonAsync<JsonObject>(path))!["items"]!.AsArray().Select(i => (string)(i!["offerId"] ?? i["needId"])!).ToArray();

    [Fact]
    public async Task Offers_enter_and_leave_a_needs_kept_list_and_it_equals_the_fresh_one()
    {
        await Send(HttpMethod.Put, $"/v1/needs/{_p}n", """{"title":"热泵余热回收","description":"工厂余热回收用高温热泵","industry":"heat-pumps","country":"CN","minTrl":5}""");
        await Send(HttpMethod.Put, $"/v1/offers/{_p}a", """{"title":"高温热泵余热回收系统","field":"heat-pumps","country":"CN","trl":7}""");
        await Send(HttpMethod.Put, $"/v1/offers/{_p}b", """{"title":"工业热泵","field":"heat-pumps","country":"CN","trl":3}""");
        await WaitForQuietAsync(_http);

        Assert.Equal([$"{_p}a"], await Ids($"/v1/needs/{_p}n/shortlist"));
        // Other tests' English needs in the shared tenant may follow through translation ("system" ≈ 系统): ours leads.
        Assert.Equal($"{_p}n", (await Ids($"/v1/offers/{_p}a/shortlist"))[0]);

        await Send(HttpMethod.Put, $"/v1/offers/{_p}b", """{"title":"工业热泵","field":"heat-pumps","country":"CN","trl":6}""");
        await Send(HttpMethod.Delete, $"/v1/offers/{_p}a");
        await WaitForQuietAsync(_http);

        Assert.Equal([$"{_p}b"], await Ids($"/v1/needs/{_p}n/shortlist"));
        Assert.Equal(await Ids($"/v1/needs/{_p}n/shortlist?fresh=true"), await Ids($"/v1/needs/{_p}n/shortlist"));
    }

    [Fact]
    public async Task The_consistency_check_compares_kept_and_fresh_lists()
    {
        await Send(HttpMethod.Put, $"/v1/needs/{_p}n", """{"title":"Cold chain temperature logger"}""");
        await Send(HttpMethod.Put, $"/v1/offers/{_p}o", """{"title":"Temperature logger for cold chain shipping"}""");
        await WaitForQuietAsync(_http);

        var report = (await _http.GetFromJsonAsync<JsonObject>("/v1/consistency?sample=0"))!;

        Assert.True((long)report["checked"]! >= 2);
        Assert.Equal(0, (long)report["mismatched"]!);
        Assert.Empty(report["mismatches"]!.AsArray());
        Assert.Equal(0, (long)report["backlogBefore"]!["pending"]!);
    }

    [Fact]
    public async Task A_bulk_batch_is_swept_into_every_list_it_affects()
    {
        await Send(HttpMethod.Put, $"/v1/offers/{_p}o", """{"title":"Hydrogen fuel cell stack for trucks","field":"hydrogen"}""");
        var lines = Enumerable.Range(0, ISearchGrain.BulkImportItems)
            .Select(i => $$"""{"id":"{{_p}}n{{i:D4}}","title":"Hydrogen fuel cell supplier {{i}}","industry":"hydrogen"}""");
        var response = await _http.PostAsync("/v1/needs/batch", JsonBody(string.Join('\n', lines), "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForQuietAsync(_http);

        // The offer written before the import holds the best 20 of the imported needs, as a fresh computation does.
        var kept = await Ids($"/v1/offers/{_p}o/shortlist?k=20");
        Assert.Equal(20, kept.Length);
        Assert.Equal(await Ids($"/v1/offers/{_p}o/shortlist?k=20&fresh=true"), kept);
        Assert.Equal([$"{_p}o"], await Ids($"/v1/needs/{_p}n0007/shortlist"));
        var report = (await _http.GetFromJsonAsync<JsonObject>("/v1/consistency?sample=0"))!;
        Assert.Equal(0, (long)report["mismatched"]!);
    }

    [Theory]
    [InlineData("sample=-1")]
    [InlineData("sample=x")]
    [InlineData("sample=1&sample=2")]
    [InlineData("seed=1.5")]
    public async Task The_consistency_check_refuses_bad_parameters(string query)
    {
        var problem = await AssertProblem(await _http.GetAsync($"/v1/consistency?{query}"), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]);
    }
}
