using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>The three shortlist endpoints over HTTP, in Chinese and English.</summary>
[Collection(ApiCollection.Name)]
public sealed class ShortlistApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "s" + Guid.NewGuid().ToString("N")[..8] + "-";

    private async Task Put(string path, string json) =>
        Assert.True((await _http.PutAsync(path, JsonBody(json))).IsSuccessStatusCode, path);

    [Fact]
    public async Task A_chinese_need_finds_the_chinese_offer_first_with_reasons_in_its_words()
    {
        await Put($"/v1/offers/{_p}river", """{"title":"河流生态修复与鱼类洄游通道技术","description":"针对水电站下游河段，构建鱼道与生态流量调度方案，恢复洄游鱼类栖息地。","keywords":["生态修复","鱼道"],"field":"river-ecology","country":"CN","trl":7}""");
        await Put($"/v1/offers/{_p}cast", """{"title":"铸件表面缺陷视觉检测系统","description":"基于深度学习的铸件气孔与裂纹检测。","field":"castings","country":"CN","trl":6}""");
        await Put($"/v1/needs/{_p}need", """{"title":"水电站下游河流生态修复","description":"需要鱼道设计和生态流量方案","industry":"river-ecology","country":"CN","minTrl":5}""");

        var body = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}need/shortlist?k=2"))!;

        Assert.Equal($"{_p}need", (string)body["needId"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["modelVersion"]));
        var top = body["items"]!.AsArray()[0]!;
        Assert.Equal($"{_p}river", (string)top["offerId"]!);
        Assert.Equal("河流生态修复与鱼类洄游通道技术", (string)top["title"]!);
        var reasons = top["reasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r is "鱼道" or "生态修复" or "生态流量" or "水电站");
        Assert.Contains("trl 7 >= 5", reasons);
        Assert.InRange((double)top["score"]!, 0.0, 1.0);
    }

    [Fact]
    public async Task An_english_need_finds_the_english_offer_and_the_offer_finds_the_need()
    {
        await Put($"/v1/offers/{_p}cyc", """{"title":"Compact superconducting cyclotron for proton therapy","description":"A 230 MeV cyclotron with pencil beam scanning for cancer centres.","keywords":["proton therapy","cyclotron"],"field":"proton-therapy","country":"GB","trl":6,"transferModes":["license"]}""");
        await Put($"/v1/offers/{_p}bat", """{"title":"Solid electrolyte for lithium metal batteries","field":"batteries","country":"US","trl":4}""");
        await Put($"/v1/needs/{_p}hosp", """{"title":"Proton therapy cyclotron for our cancer hospital","industry":"proton-therapy","country":"CN","transferModes":["license","assignment"]}""");
        await WaitForQuietAsync(_http); // the need reaches the offer's kept list in the background

        var forNeed = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}hosp/shortlist"))!;
        var forOffer = (await _http.GetFromJsonAsync<JsonObject>($"/v1/offers/{_p}cyc/shortlist?k=1"))!;

        var top = forNeed["items"]!.AsArray()[0]!;
        Assert.Equal($"{_p}cyc", (string)top["offerId"]!);
        var reasons = top["reasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r.Contains("proton", StringComparison.Ordinal) || r.Contains("cyclotron", StringComparison.Ordinal));
        Assert.Contains("license offered", reasons);
        Assert.Contains("cross-border GB → CN", reasons);
        Assert.Equal($"{_p}cyc", (string)forOffer["offerId"]!);
        Assert.Equal($"{_p}hosp", (string)forOffer["items"]!.AsArray().Single()!["needId"]!);
    }

    [Fact]
    public async Task A_brand_new_technical_word_finds_its_pair()
    {
        await Put($"/v1/offers/{_p}new", """{"title":"Qzyltrium nanolattice coatings","description":"A novel coating process."}""");
        await Put($"/v1/offers/{_p}zh", """{"title":"钜铼钛复合镀层","description":"新型镀层工艺"}""");

        var en = await AdHoc("""{"title":"Need qzyltrium coatings"}""");
        var zh = await AdHoc("""{"title":"寻找钜铼钛镀层"}""");

        Assert.Equal($"{_p}new", (string)en["items"]!.AsArray()[0]!["offerId"]!);
        Assert.Equal($"{_p}zh", (string)zh["items"]!.AsArray()[0]!["offerId"]!);
    }

    [Fact]
    public async Task An_ad_hoc_shortlist_applies_the_hard_rules_and_stores_nothing()
    {
        await Put($"/v1/offers/{_p}low", """{"title":"Xenoquartz photonic crystal","trl":3}""");
        await Put($"/v1/offers/{_p}high", """{"title":"Xenoquartz photonic crystal fibre","trl":8}""");
        var before = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!;

        var body = await AdHoc("""{"title":"Xenoquartz photonic crystal","minTrl":6}""");

        var ids = body["items"]!.AsArray().Select(i => (string)i!["offerId"]!).ToList();
        Assert.Contains($"{_p}high", ids);
        Assert.DoesNotContain($"{_p}low", ids);
        Assert.False(body.ContainsKey("needId"));
        var after = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!;
        Assert.Equal((long)before["needs"]!, (long)after["needs"]!);
    }

    [Fact]
    public async Task K_limits_the_items_and_the_list_is_sorted()
    {
        for (var i = 0; i < 6; i++)
        {
            await Put($"/v1/offers/{_p}w{i}", $$"""{"title":"Wolframite flotation reagent {{i}}","description":"{{new string('x', i)}} wolframite"}""");
        }

        var body = await AdHoc("""{"title":"wolframite flotation"}""", "?k=4");

        var items = body["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        var scores = items.Select(i => (double)i!["score"]!).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("?k=0")]
    [InlineData("?k=51")]
    [InlineData("?k=abc")]
    [InlineData("?k=3&k=4")]
    [InlineData("?k=-1")]
    [InlineData("?fresh=maybe")]
    public async Task A_bad_query_string_is_a_400_problem(string query)
    {
        await Put($"/v1/needs/{_p}q", """{"title":"anything"}""");

        await AssertProblem(await _http.GetAsync($"/v1/needs/{_p}q/shortlist{query}"), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PostAsync($"/v1/shortlist{query}", JsonBody("""{"title":"x"}""")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fresh_true_is_accepted_and_k_50_is_the_largest()
    {
        await Put($"/v1/needs/{_p}q", """{"title":"anything"}""");

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/v1/needs/{_p}q/shortlist?k=50&fresh=true")).StatusCode);
    }

    [Fact]
    public async Task An_ad_hoc_need_with_an_id_or_bad_fields_is_refused()
    {
        await AssertProblem(await _http.PostAsync("/v1/shortlist", JsonBody("""{"id":"x","title":"t"}""")), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PostAsync("/v1/shortlist", JsonBody("""{"title":"t","minTrl":11}""")), HttpStatusCode.BadRequest);
    }

    private async Task<JsonObject> AdHoc(string need, string query = "")
    {
        var response = await _http.PostAsync($"/v1/shortlist{query}", JsonBody(need));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
