using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Grains;
using Matching.Ranking;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// Activation rescoring kept lists in the background: a listener sees its list in the new model's order without
/// anyone reading it, and once the backlog drains every kept list equals a fresh one under the new model.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ModelActivationRefreshTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "act" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Fact]
    public async Task Activation_rescores_kept_lists_in_the_background_and_pushes_their_new_order()
    {
        // Offers that share the need's words ever more thinly, at various TRLs: the default (the first phase's order) and a
        // learned model order them differently.
        for (var i = 0; i < 12; i++)
        {
            var filler = string.Join(' ', Enumerable.Range(0, i * 3).Select(j => $"filler{j}"));
            await Put($"/v1/offers/{_p}o{i:D2}",
                $$"""{"title":"Solid-state battery electrolyte","description":"{{filler}}","keywords":["solid-state battery"],"field":"batteries","country":"CN","trl":{{3 + (i % 7)}}}""");
        }

        await Put($"/v1/needs/{_p}n", """{"title":"Need a solid-state battery electrolyte supplier","industry":"batteries","country":"CN"}""");
        await WaitForQuietAsync(_http);

        // A learned model (LightGBM on the repository's training set), which weighs TRL and more beside similarity.
        var learned = new Unit.TrainingSetFixture().Fit(seed: 1);
        var flat = Ranker.Create(learned, learned.Metadata with { Version = _p + "flat" });
        var before = await Shortlist("?k=12");
        Assert.Equal(ModelHost.DefaultVersion, await Version());

        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events?k=12");
        Assert.Equal("shortlist", (await sse.NextEventAsync()).Event); // the current list

        var register = await _http.PostAsync("/v1/models", new ByteArrayContent(flat.ToBytes()) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/v1/models/{_p}flat/activate", null)).StatusCode);

            // Nobody reads the list: the background refresh recomputes it and the change is pushed.
            // (Only changes of order are pushed: the learned model orders these offers otherwise than similarity does.)
            var pushed = JsonNode.Parse((await sse.NextEventAsync()).Data!)!;
            Assert.Equal(_p + "flat", (string)pushed["modelVersion"]!);
            var ids = pushed["items"]!.AsArray().Select(i => (string)i!["offerId"]!).ToArray();
            Assert.Equal((await Shortlist("?fresh=true&k=12")).Select(i => i.Id), ids);
            Assert.NotEqual(before.Select(i => i.Id), ids);

            await WaitForQuietAsync(_http);
            var report = (await _http.GetFromJsonAsync<JsonObject>("/v1/consistency?sample=0"))!;
            Assert.Equal(0, (long)report["mismatched"]!);
        }
        finally
        {
            // Rollback is activating the earlier version; later shortlists carry it again.
            Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/v1/models/{ModelHost.DefaultVersion}/activate", null)).StatusCode);
        }

        var after = await Shortlist("?k=12");
        Assert.Equal(ModelHost.DefaultVersion, await Version());
        Assert.Equal(before.Select(i => (i.Id, i.Score)), after.Select(i => (i.Id, i.Score)));
    }

    private async Task<string> Version() =>
        (string)(await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist"))!["modelVersion"]!;

    private async Task<(string Id, double Score)[]> Shortlist(string query) =>
        (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist{query}"))!["items"]!.AsArray()
            .Select(i => ((string)i!["offerId"]!, (double)i["score"]!)).ToArray();

    private async Task Put(string path, string json)
    {
        var response = await _http.PutAsync(path, Json(json));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
