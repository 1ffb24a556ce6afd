using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>The HTTP contract of offers, needs and batches. Ids carry a per-test prefix: the tenant is shared.</summary>
[Collection(ApiCollection.Name)]
public sealed class ItemsApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "t" + Guid.NewGuid().ToString("N")[..8] + "-";

    private const string Offer = """
        {"title":"  Compact proton therapy cyclotron  ","description":"Superconducting cyclotron, 230 MeV.",
         "keywords":["proton therapy","cyclotron"],"field":"proton-therapy","country":"gb","trl":6,
         "transferModes":["license","equity"],"owner":"University of Oxford"}
        """;

    [Fact]
    public async Task Put_creates_with_201_then_replaces_with_200_and_returns_the_stored_offer()
    {
        var created = await _http.PutAsync($"/v1/offers/{_p}o1", JsonBody(Offer));
        var replaced = await _http.PutAsync($"/v1/offers/{_p}o1", JsonBody(Offer.Replace("\"trl\":6", "\"trl\":7")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/offers/{_p}o1", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = (await replaced.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"{_p}o1", (string)body["id"]!);
        Assert.Equal("Compact proton therapy cyclotron", (string)body["title"]!);
        Assert.Equal("GB", (string)body["country"]!);
        Assert.Equal(7, (int)body["trl"]!);
        Assert.Equal(2, (long)body["version"]!);
        Assert.Equal(["license", "equity"], body["transferModes"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse((string)body["updatedAt"]!, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public async Task Put_of_the_same_content_is_idempotent()
    {
        await _http.PutAsync($"/v1/offers/{_p}o1", JsonBody(Offer));
        var again = await _http.PutAsync($"/v1/offers/{_p}o1", JsonBody(Offer));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (long)(await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
    }

    [Fact]
    public async Task Get_and_delete_answer_404_for_unknown_ids_and_a_deleted_offer_is_gone()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_p}none")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync($"/v1/offers/{_p}none")).StatusCode);
        await _http.PutAsync($"/v1/offers/{_p}o1", JsonBody(Offer));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/v1/offers/{_p}o1")).StatusCode);
        var gone = await _http.GetAsync($"/v1/offers/{_p}o1");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_p}o1/shortlist")).StatusCode);
    }

    [Fact]
    public async Task A_need_round_trips_with_its_defaults()
    {
        var put = await _http.PutAsync($"/v1/needs/{_p}n1", JsonBody("""{"title":"寻找质子治疗设备","industry":"proton-therapy","minTrl":5}"""));
        var body = (await (await _http.GetAsync($"/v1/needs/{_p}n1")).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("寻找质子治疗设备", (string)body["title"]!);
        Assert.Equal(5, (int)body["minTrl"]!);
        Assert.True((bool)body["acceptForeign"]!);
        Assert.Empty(body["keywords"]!.AsArray());
        Assert.Empty(body["transferModes"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"description":"no title"}""", "title")]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"title":5}""", "title")]
    [InlineData("""{"title":"x","description":7}""", "description")]
    [InlineData("""{"title":"x","keywords":"one"}""", "keywords")]
    [InlineData("""{"title":"x","keywords":[1]}""", "keywords")]
    [InlineData("""{"title":"x","keywords":[""]}""", "keywords")]
    [InlineData("""{"title":"x","country":"China"}""", "country")]
    [InlineData("""{"title":"x","country":"XX"}""", "country")]
    [InlineData("""{"title":"x","trl":0}""", "trl")]
    [InlineData("""{"title":"x","trl":10}""", "trl")]
    [InlineData("""{"title":"x","trl":6.5}""", "trl")]
    [InlineData("""{"title":"x","trl":"6"}""", "trl")]
    [InlineData("""{"title":"x","transferModes":["lease"]}""", "transferModes")]
    [InlineData("""{"title":"x","transferModes":"license"}""", "transferModes")]
    [InlineData("""{"title":"x","colour":"red"}""", "colour")]
    [InlineData("""{"title":"x","id":"o1"}""", "id")]
    [InlineData("""{"title":"x","title":"y"}""", "title")]
    [InlineData("""[{"title":"x"}]""", "$")]
    [InlineData("\"title\"", "$")]
    public async Task An_invalid_offer_gets_a_validation_problem_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var response = await _http.PutAsync($"/v1/offers/{_p}bad", JsonBody(json));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_p}bad")).StatusCode);
    }

    [Fact]
    public async Task Type_errors_and_rule_errors_are_reported_together()
    {
        var response = await _http.PutAsync($"/v1/offers/{_p}bad", JsonBody("""{"title":"","trl":12,"transferModes":["lease"],"owner":5}"""));

        var errors = (await AssertProblem(response, HttpStatusCode.BadRequest))["errors"]!.AsObject();
        Assert.Equal(["owner", "title", "transferModes", "trl"], errors.Select(e => e.Key).Order());
        Assert.Equal(["must be a string"], errors["owner"]!.AsArray().Select(m => (string)m!));
    }

    [Theory]
    [InlineData("title", 300, true)]
    [InlineData("title", 301, false)]
    [InlineData("description", 20_000, true)]
    [InlineData("description", 20_001, false)]
    [InlineData("field", 64, true)]
    [InlineData("field", 65, false)]
    [InlineData("owner", 200, true)]
    [InlineData("owner", 201, false)]
    public async Task String_lengths_are_enforced_at_their_exact_limits(string field, int length, bool ok)
    {
        var value = new string('量', length);
        var json = field == "title" ? $$"""{"title":"{{value}}"}""" : $$"""{"title":"x","{{field}}":"{{value}}"}""";

        var response = await _http.PutAsync($"/v1/offers/{_p}len", JsonBody(json));

        Assert.Equal(ok ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(32, 64, true)]
    [InlineData(33, 5, false)]
    [InlineData(1, 65, false)]
    public async Task Keyword_count_and_length_are_enforced(int count, int length, bool ok)
    {
        var keywords = JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i => (i % 10) + new string('k', length - 1)));
        var response = await _http.PutAsync($"/v1/needs/{_p}kw", JsonBody($$"""{"title":"x","keywords":{{keywords}}}"""));

        Assert.Equal(ok ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"title":"x","minTrl":0}""", "minTrl")]
    [InlineData("""{"title":"x","acceptForeign":"no"}""", "acceptForeign")]
    [InlineData("""{"title":"x","field":"quantum"}""", "field")]
    [InlineData("""{"title":"x","industry":7}""", "industry")]
    public async Task An_invalid_need_gets_a_validation_problem(string json, string field)
    {
        var response = await _http.PutAsync($"/v1/needs/{_p}bad", JsonBody(json));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash%2Fin")]
    [InlineData("star*")]
    [InlineData("中文")]
    public async Task An_invalid_id_is_a_400_problem(string id)
    {
        await AssertProblem(await _http.PutAsync($"/v1/offers/{id}", JsonBody(Offer)), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.GetAsync($"/v1/needs/{id}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_id_of_128_characters_is_accepted_and_129_refused()
    {
        var ok = await _http.PutAsync($"/v1/offers/{new string('a', 128)}", JsonBody(Offer));
        var tooLong = await _http.PutAsync($"/v1/offers/{new string('a', 129)}", JsonBody(Offer));

        Assert.True(ok.IsSuccessStatusCode);
        await AssertProblem(tooLong, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_replace_with_invalid_data_leaves_the_stored_offer_unchanged()
    {
        await _http.PutAsync($"/v1/offers/{_p}keep", JsonBody(Offer));
        await _http.PutAsync($"/v1/offers/{_p}keep", JsonBody("""{"title":"x","trl":99}"""));

        var body = (await (await _http.GetAsync($"/v1/offers/{_p}keep")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(6, (int)body["trl"]!);
        Assert.Equal(1, (long)body["version"]!);
    }

    [Fact]
    public async Task A_batch_keeps_good_items_and_rejects_bad_ones_one_by_one()
    {
        var batch = $$"""
            [{"id":"{{_p}}b1","title":"Graphene heat spreader"},
             {"id":"{{_p}}b2","trl":3},
             {"title":"no id"},
             {"id":"{{_p}}b1","title":"duplicate"},
             {"id":"bad id","title":"x"},
             {"id":"{{_p}}b3","title":"Sodium-ion battery","trl":12}]
            """;

        var response = await _http.PostAsync("/v1/offers/batch", JsonBody(batch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)body["accepted"]!);
        var rejected = body["rejected"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5], rejected.Select(r => (int)r!["index"]!));
        Assert.Equal($"{_p}b2", (string)rejected[0]!["id"]!);
        Assert.True(rejected[0]!["errors"]!.AsObject().ContainsKey("title"));
        Assert.True(rejected[1]!["errors"]!.AsObject().ContainsKey("id"));
        Assert.True(rejected[4]!["errors"]!.AsObject().ContainsKey("trl"));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/v1/offers/{_p}b1")).StatusCode);
        Assert.Equal("Graphene heat spreader", (string)(await _http.GetFromJsonAsync<JsonObject>($"/v1/offers/{_p}b1"))!["title"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_p}b3")).StatusCode);
    }

    [Fact]
    public async Task A_batch_accepts_ndjson_and_rejects_a_broken_line_alone()
    {
        var ndjson = $"{{\"id\":\"{_p}n1\",\"title\":\"Need one\"}}\n{{broken\n\n{{\"id\":\"{_p}n2\",\"title\":\"Need two\"}}\n";

        var response = await _http.PostAsync("/v1/needs/batch", JsonBody(ndjson, "application/x-ndjson"));

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)body["accepted"]!);
        Assert.Equal(1, (int)Assert.Single(body["rejected"]!.AsArray())!["index"]!);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/v1/needs/{_p}n2")).StatusCode);
    }

    [Fact]
    public async Task A_batch_of_more_than_10000_items_is_refused_whole()
    {
        var items = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"{{\"id\":\"{_p}{i}\",\"title\":\"t\"}}"));

        var response = await _http.PostAsync("/v1/needs/batch", JsonBody($"[{items}]"));

        await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/needs/{_p}0")).StatusCode);
    }

    [Fact]
    public async Task A_batch_item_over_64_KB_is_rejected_alone()
    {
        var big = new string('x', 19_000);
        var items = $$"""[{"id":"{{_p}}big","title":"t","description":"{{big}}","owner":"{{new string('量', 200)}}","keywords":["{{new string('k', 64)}}"]},{"id":"{{_p}}small","title":"t"}]""";
        // 19,000 ASCII plus multi-byte padding stays under 64 KB; push it over with escaped characters.
        items = items.Replace(big, string.Concat(Enumerable.Repeat("\\u00e9", 11_000)));

        var body = (await (await _http.PostAsync("/v1/offers/batch", JsonBody(items))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(1, (int)body["accepted"]!);
        Assert.Equal(0, (int)Assert.Single(body["rejected"]!.AsArray())!["index"]!);
    }
}
