using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
        // Offers that share the need's words ever more thinly: the default (the first phase) puts the shortest first,
        // the model below puts the longest first.
        for (var i = 0; i < 12; i++)
        {
            var filler = string.Join(' ', Enumerable.Range(0, i * 3).Select(j => $"filler{j}"));
            await Put($"/v1/offers/{_p}o{i:D2}",
                $$"""{"title":"Solid-state battery electrolyte","description":"{{filler}}","keywords":["solid-state battery"],"field":"batteries","country":"CN","trl":{{3 + (i % 7)}}}""");
        }

        await Put($"/v1/needs/{_p}n", """{"title":"Need a solid-state battery electrolyte supplier","industry":"batteries","country":"CN"}""");
        await WaitForQuietAsync(_http);

        var longest = LongestFirst(_p + "longest");
        var before = await Shortlist("?k=12");
        Assert.Equal(ModelHost.DefaultVersion, await Version());

        using var sse = await SseClient.OpenAsync(_http, $"/v1/needs/{_p}n/shortlist/events?k=12");
        Assert.Equal("shortlist", (await sse.NextEventAsync()).Event); // the current list

        var register = await _http.PostAsync("/v1/models", new ByteArrayContent(longest.ToBytes()) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"/v1/models/{_p}longest/activate", null)).StatusCode);

            // Nobody reads the list: the background refresh recomputes it and the change is pushed.
            // (Only changes of order are pushed, and this model's order differs whatever else the shared corpus holds.)
            var pushed = JsonNode.Parse((await sse.NextEventAsync()).Data!)!;
            Assert.Equal(_p + "longest", (string)pushed["modelVersion"]!);
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

    /// <summary>
    /// A real LightGBM ranker that learned to prefer longer offers (feature <c>offerLength</c>) over similar ones: its
    /// order of this test's offers does not depend on what other tests wrote into the shared corpus.
    /// </summary>
    private static Ranker LongestFirst(string version)
    {
        var length = Array.IndexOf(PairFeatures.Names, "offerLength");
        var random = new Random(1);
        var groups = Enumerable.Range(0, 40).Select(n =>
        {
            var rows = Enumerable.Range(0, 20).Select(i =>
            {
                var features = Enumerable.Range(0, PairFeatures.Width).Select(_ => (float)random.NextDouble()).ToArray();
                features[length] = 1 + (3.5f * (float)random.NextDouble()); // log(1 + terms) of 2 to 90 terms
                return new PairRow($"o{i}", features, (int)((features[length] - 1) / 0.7f)); // grade 0-4, by length alone
            }).ToArray();
            return new PairGroup($"n{n}", rows, [.. rows.Select(r => r.Grade).Where(g => g > 0)]);
        }).ToList();
        return RankerTraining.Train(groups, RankerTrainer.LightGbm, new TreeSettings(), seed: 1, version, DefaultFeaturizer.Version, DateTimeOffset.UnixEpoch);
    }

    private async Task<string> Version() =>
        (string)(await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist"))!["modelVersion"]!;

    private async Task<(string Id, double Score)[]> Shortlist(string query) =>
        (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist{query}"))!["items"]!.AsArray()
            .Select(i => ((string)i!["offerId"]!, (double)i["score"]!)).ToArray();

    private async Task Put(string path, string json)
    {
        var response = await _http.PutAsync(path, JsonBody(json));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
