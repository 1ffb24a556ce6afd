using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// Cross-lingual shortlists over HTTP: a Chinese need finds its English offer and the reverse, kept and fresh. Each
/// test keeps to its own country with <c>acceptForeign: false</c>, so the other tests' offers in the shared tenant stay out.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CrossLingualApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "x" + Guid.NewGuid().ToString("N")[..8] + "-";

    private async Task Put(string path, string json) =>
        Assert.True((await _http.PutAsync(path, JsonBody(json))).IsSuccessStatusCode, path);

    private async Task<JsonObject> Get(string path) => (await _http.GetFromJsonAsync<JsonObject>(path))!;

    private static List<string> Reasons(JsonNode item) => item["reasons"]!.AsArray().Select(r => (string)r!).ToList();

    [Fact]
    public async Task A_chinese_need_finds_its_english_offer_first_in_kept_and_fresh_lists()
    {
        await Put($"/v1/offers/{_p}cyc", """{"title":"Compact proton therapy cyclotron","description":"A superconducting cyclotron with pencil beam scanning for cancer hospitals.","country":"LI"}""");
        await Put($"/v1/offers/{_p}bat", """{"title":"Solid electrolyte for lithium metal batteries","country":"LI"}""");
        await Put($"/v1/offers/{_p}cast", """{"title":"铸件表面缺陷视觉检测系统","description":"基于深度学习的铸件气孔与裂纹检测。","country":"LI"}""");
        await Put($"/v1/needs/{_p}need", """{"title":"我们需要用于癌症医院的紧凑型质子治疗系统","country":"LI","acceptForeign":false}""");
        await WaitForQuietAsync(_http);

        var kept = await Get($"/v1/needs/{_p}need/shortlist?k=3");
        var fresh = await Get($"/v1/needs/{_p}need/shortlist?k=3&fresh=true");
        var adHoc = (await (await _http.PostAsync("/v1/shortlist?k=3", JsonBody("""{"title":"我们需要用于癌症医院的紧凑型质子治疗系统","country":"LI","acceptForeign":false}"""))).Content.ReadFromJsonAsync<JsonObject>())!;

        var top = kept["items"]!.AsArray()[0]!;
        Assert.Equal($"{_p}cyc", (string)top["offerId"]!);
        Assert.Contains(Reasons(top), r => r.Contains(" ≈ ", StringComparison.Ordinal) && r.Contains("proton", StringComparison.Ordinal));
        Assert.Equal(kept["items"]!.ToJsonString(), fresh["items"]!.ToJsonString());
        Assert.Equal($"{_p}cyc", (string)adHoc["items"]!.AsArray()[0]!["offerId"]!);
    }

    [Fact]
    public async Task An_english_need_finds_its_chinese_offer_and_the_offer_finds_the_need()
    {
        await Put($"/v1/offers/{_p}cyc", """{"title":"紧凑型超导回旋加速器质子治疗系统","description":"用于肿瘤医院的笔形束扫描质子治疗装置。","country":"MC"}""");
        await Put($"/v1/offers/{_p}water", """{"title":"高盐废水零排放分盐结晶技术","country":"MC"}""");
        await Put($"/v1/offers/{_p}bat", """{"title":"Solid electrolyte for lithium metal batteries","country":"MC"}""");
        await Put($"/v1/needs/{_p}need", """{"title":"Looking for a compact proton therapy cyclotron","country":"MC","acceptForeign":false}""");
        await WaitForQuietAsync(_http); // the need reaches the offer's kept list in the background

        var kept = await Get($"/v1/needs/{_p}need/shortlist?k=3");
        var fresh = await Get($"/v1/needs/{_p}need/shortlist?k=3&fresh=true");
        var forOffer = await Get($"/v1/offers/{_p}cyc/shortlist?k=20");
        var forOfferFresh = await Get($"/v1/offers/{_p}cyc/shortlist?k=20&fresh=true");

        var top = kept["items"]!.AsArray()[0]!;
        Assert.Equal($"{_p}cyc", (string)top["offerId"]!);
        Assert.Contains(Reasons(top), r => r.Contains(" ≈ ", StringComparison.Ordinal) && (r.Contains("cyclotron", StringComparison.Ordinal) || r.Contains("proton", StringComparison.Ordinal)));
        Assert.Equal(kept["items"]!.ToJsonString(), fresh["items"]!.ToJsonString());
        var need = forOffer["items"]!.AsArray().Single(i => (string)i!["needId"]! == $"{_p}need")!;
        Assert.Contains(Reasons(need), r => r.Contains(" ≈ ", StringComparison.Ordinal)); // in the offer's words: "回旋加速器 ≈ cyclotron"
        Assert.Equal(forOffer["items"]!.ToJsonString(), forOfferFresh["items"]!.ToJsonString());
    }

    [Fact]
    public async Task A_need_with_an_unknown_word_still_matches_as_before()
    {
        await Put($"/v1/offers/{_p}en", """{"title":"Vorpalite lattice coatings","description":"A novel coating process.","country":"SM"}""");
        await Put($"/v1/offers/{_p}zh", """{"title":"钜铼钛复合镀层","description":"新型镀层工艺","country":"SM"}""");

        var en = (await (await _http.PostAsync("/v1/shortlist?k=2", JsonBody("""{"title":"Need vorpalite coatings","country":"SM","acceptForeign":false}"""))).Content.ReadFromJsonAsync<JsonObject>())!;
        var zh = (await (await _http.PostAsync("/v1/shortlist?k=2", JsonBody("""{"title":"寻找钜铼钛镀层","country":"SM","acceptForeign":false}"""))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal($"{_p}en", (string)en["items"]!.AsArray()[0]!["offerId"]!);
        Assert.Equal($"{_p}zh", (string)zh["items"]!.AsArray()[0]!["offerId"]!);
        var reasons = Reasons(zh["items"]!.AsArray()[0]!);
        Assert.NotEmpty(reasons);
        Assert.DoesNotContain(reasons, r => r.Contains(" ≈ ", StringComparison.Ordinal)); // its own words, not a translation
    }
}
