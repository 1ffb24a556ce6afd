using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// A confidential need (API.md's optional <c>confidential</c>): an offer's shortlist shows only its id, industry and score,
/// read, fresh, pushed as SSE or POSTed to a webhook; the need's own shortlist is unaffected.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConfidentialNeedsTests(ApiFactory factory)
{
    // Words of the need's text that appear in no offer: they must never reach an offer's list.
    private const string Secret = "Kestrelwood";
    private const string Secret2 = "Quillmarsh";

    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "c" + Guid.NewGuid().ToString("N")[..8] + "-";

    private static string NeedJson(bool confidential) => new JsonObject
    {
        ["title"] = $"{Secret} tungsten carbide recycling by zinc process",
        ["description"] = $"Our {Secret2} plant wants to recover tungsten carbide from scrap with the zinc process.",
        ["keywords"] = new JsonArray("tungsten carbide", "zinc process"),
        ["industry"] = "metallurgy",
        ["confidential"] = confidential,
    }.ToJsonString();

    private const string OfferJson = """{"title":"Zinc process for tungsten carbide scrap recycling","keywords":["tungsten carbide","zinc process"]}""";

    private async Task Put(string path, string json) =>
        Assert.True((await _http.PutAsync(path, JsonBody(json))).IsSuccessStatusCode, path);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_offers_list_withholds_a_confidential_need_whichever_is_written_first(bool needFirst)
    {
        var (need, offer) = ($"{_p}n", $"{_p}o");
        if (needFirst)
        {
            await Put($"/v1/needs/{need}", NeedJson(confidential: true));
            await Put($"/v1/offers/{offer}", OfferJson);
        }
        else
        {
            await Put($"/v1/offers/{offer}", OfferJson);
            await Put($"/v1/needs/{need}", NeedJson(confidential: true));
        }

        await WaitForQuietAsync(_http);

        foreach (var path in new[] { $"/v1/offers/{offer}/shortlist?k=50", $"/v1/offers/{offer}/shortlist?k=50&fresh=true" })
        {
            var body = await _http.GetStringAsync(path);
            var item = JsonNode.Parse(body)!["items"]!.AsArray().Single(i => (string)i!["needId"]! == need)!;
            AssertWithheld(item);
            AssertNoSecret(body);
        }
    }

    [Fact]
    public async Task The_need_itself_still_sees_its_text_and_its_full_list()
    {
        await Put($"/v1/needs/{_p}n", NeedJson(confidential: true));
        await Put($"/v1/offers/{_p}o", OfferJson);
        await WaitForQuietAsync(_http);

        var stored = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n"))!;
        var list = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist?k=50"))!;

        Assert.True((bool)stored["confidential"]!);
        Assert.Contains(Secret, (string)stored["title"]!);
        var item = list["items"]!.AsArray().Single(i => (string)i!["offerId"]! == $"{_p}o")!;
        Assert.Equal("Zinc process for tungsten carbide scrap recycling", (string)item["title"]!);
        Assert.NotEmpty(item["reasons"]!.AsArray());
        Assert.Null(item["confidential"]);
    }

    [Fact]
    public async Task A_need_made_confidential_later_is_withheld_and_shown_again_when_it_no_longer_is()
    {
        await Put($"/v1/offers/{_p}o", OfferJson);
        await Put($"/v1/needs/{_p}n", NeedJson(confidential: false));
        await WaitForQuietAsync(_http);
        var open = await Item();

        await Put($"/v1/needs/{_p}n", NeedJson(confidential: true));
        await WaitForQuietAsync(_http);
        var withheld = await Item();

        await Put($"/v1/needs/{_p}n", NeedJson(confidential: false));
        await WaitForQuietAsync(_http);
        var shown = await Item();

        Assert.Contains(Secret, (string)open["title"]!);
        Assert.Null(open["confidential"]);
        Assert.False((bool)(await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n"))!["confidential"]!);
        AssertWithheld(withheld);
        AssertNoSecret(withheld.ToJsonString());
        Assert.Contains(Secret, (string)shown["title"]!);
        Assert.NotEmpty(shown["reasons"]!.AsArray());

        async Task<JsonNode> Item() =>
            (await _http.GetFromJsonAsync<JsonObject>($"/v1/offers/{_p}o/shortlist?k=50"))!["items"]!.AsArray().Single(i => (string)i!["needId"]! == $"{_p}n")!;
    }

    [Fact]
    public async Task An_offers_shortlist_events_withhold_a_confidential_need()
    {
        await Put($"/v1/offers/{_p}o", OfferJson);
        await WaitForQuietAsync(_http);
        using var sse = await SseClient.OpenAsync(_http, $"/v1/offers/{_p}o/shortlist/events?k=20");
        await sse.NextEventAsync();

        await Put($"/v1/needs/{_p}n", NeedJson(confidential: true));
        SseFrame change;
        do
        {
            change = await sse.NextEventAsync();
        }
        while (!change.Data!.Contains($"{_p}n", StringComparison.Ordinal));

        AssertWithheld(JsonNode.Parse(change.Data!)!["items"]!.AsArray().Single(i => (string)i!["needId"]! == $"{_p}n")!);
        AssertNoSecret(change.Data!);
    }

    [Fact]
    public async Task A_webhook_body_withholds_a_confidential_need()
    {
        await using var receiver = await WebhookReceiver.StartAsync($"offer:{_p}o:");
        await WaitForQuietAsync(_http);
        var hook = new JsonObject { ["url"] = receiver.Url, ["secret"] = "0123456789abcdef-secret", ["kinds"] = new JsonArray("offer") };
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/webhooks/{_p}hook", JsonBody(hook.ToJsonString()))).StatusCode);
        try
        {
            await Put($"/v1/offers/{_p}o", OfferJson);
            await Put($"/v1/needs/{_p}n", NeedJson(confidential: true));
            string body;
            do
            {
                body = Encoding.UTF8.GetString((await receiver.NextAsync()).Body);
            }
            while (!body.Contains($"{_p}n", StringComparison.Ordinal));

            AssertWithheld(JsonNode.Parse(body)!["items"]!.AsArray().Single(i => (string)i!["needId"]! == $"{_p}n")!);
            AssertNoSecret(body);
        }
        finally
        {
            await _http.DeleteAsync($"/v1/webhooks/{_p}hook");
        }
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    public async Task Confidential_must_be_true_or_false(string value)
    {
        var response = await _http.PutAsync($"/v1/needs/{_p}bad", JsonBody($$"""{"title":"x","confidential":{{value}}}"""));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["confidential"]);
    }

    private static void AssertWithheld(JsonNode item)
    {
        Assert.Equal(["confidential", "industry", "needId", "reasons", "score", "title"], item.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True((bool)item["confidential"]!);
        Assert.Equal("metallurgy", (string)item["industry"]!);
        Assert.Equal("", (string)item["title"]!);
        Assert.Empty(item["reasons"]!.AsArray());
        Assert.InRange((double)item["score"]!, 0, 1);
    }

    private static void AssertNoSecret(string json)
    {
        Assert.DoesNotContain(Secret, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret2, json, StringComparison.OrdinalIgnoreCase);
    }
}
