using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Matching.Tests.Http;

/// <summary>The OpenAPI document follows from the code: every route of API.md is in it, and real responses fit their schemas.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>Every route of API.md (the contract), as method and path template.</summary>
    public static readonly TheoryData<string, string> ContractRoutes = new()
    {
        { "put", "/v1/offers/{id}" }, { "get", "/v1/offers/{id}" }, { "delete", "/v1/offers/{id}" },
        { "put", "/v1/needs/{id}" }, { "get", "/v1/needs/{id}" }, { "delete", "/v1/needs/{id}" },
        { "post", "/v1/offers/batch" }, { "post", "/v1/needs/batch" },
        { "get", "/v1/needs/{id}/shortlist" }, { "get", "/v1/offers/{id}/shortlist" }, { "post", "/v1/shortlist" },
        { "get", "/v1/status" },
        { "get", "/v1/needs/{id}/shortlist/events" }, { "get", "/v1/offers/{id}/shortlist/events" },
        { "put", "/v1/webhooks/{name}" }, { "get", "/v1/webhooks" }, { "delete", "/v1/webhooks/{name}" },
        { "post", "/v1/feedback" },
        { "get", "/v1/models" }, { "post", "/v1/models" }, { "post", "/v1/models/{version}/activate" },
        { "get", "/health/live" }, { "get", "/health/ready" },
    };

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task Every_route_of_the_contract_is_in_the_document_with_its_problem_responses(string method, string path)
    {
        var document = await DocumentAsync();
        var operation = document["paths"]?[path]?[method];
        Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is not in {Matching.Api.ApiDocument.Path}");
        Assert.NotNull(operation["responses"]?["503"]);
        if (path.StartsWith("/v1/", StringComparison.Ordinal) && method is "put" or "post" && path != "/v1/models/{version}/activate")
        {
            Assert.NotNull(operation["requestBody"]);
            Assert.NotNull(operation["responses"]?["415"]);
            Assert.NotNull(operation["responses"]?["413"]);
        }
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_with_the_bodies_and_parameters_the_handlers_read()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.1", (string)document["openapi"]!, StringComparison.Ordinal);
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal("title", (string)schemas["OfferData"]!["required"]![0]!);
        Assert.Equal(["assignment", "license", "equity", "codevelopment"], schemas["TransferModes"]!["items"]!["enum"]!.AsArray().Select(n => (string)n!));
        var shortlist = document["paths"]!["/v1/needs/{id}/shortlist"]!["get"]!["parameters"]!.AsArray();
        Assert.Contains(shortlist, p => (string)p!["name"]! == "k" && (int)p["schema"]!["maximum"]! == 50);
        Assert.Contains(shortlist, p => (string)p!["name"]! == "fresh");
        var batch = document["paths"]!["/v1/offers/batch"]!["post"]!["requestBody"]!["content"]!;
        Assert.NotNull(batch["application/x-ndjson"]);
        Assert.Equal("id", (string)batch["application/json"]!["schema"]!["items"]!["allOf"]![1]!["required"]![0]!);
    }

    [Fact]
    public async Task Real_responses_fit_their_schemas()
    {
        var id = "openapi-" + Guid.NewGuid().ToString("N")[..8];
        var put = await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""
            {"title":"Compact proton therapy cyclotron","keywords":["proton therapy"],"country":"CH","trl":6,"transferModes":["license"]}
            """));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await AssertFitsAsync(put, "OfferResponse");

        var need = await _http.PutAsync($"/v1/needs/{id}", Http.JsonBody("""{"title":"A proton therapy system for a cancer hospital","minTrl":5}"""));
        await AssertFitsAsync(need, "NeedResponse");
        await AssertFitsAsync(await _http.GetAsync($"/v1/needs/{id}/shortlist?fresh=true"), "NeedShortlistResponse");
        await AssertFitsAsync(await _http.GetAsync($"/v1/offers/{id}/shortlist"), "OfferShortlistResponse");
        // A confidential need in an offer's list: an empty title, no reasons, its industry and the flag.
        var confidential = await _http.PutAsync($"/v1/needs/{id}-c", Http.JsonBody("""{"title":"A proton therapy cyclotron for a clinic","industry":"medical","confidential":true}"""));
        await AssertFitsAsync(confidential, "NeedResponse");
        await AssertFitsAsync(await _http.GetAsync($"/v1/offers/{id}/shortlist?fresh=true&k=50"), "OfferShortlistResponse");
        await AssertFitsAsync(await _http.GetAsync("/v1/status"), "StatusResponse");
        await AssertFitsAsync(await _http.GetAsync("/v1/models"), "ModelListResponse");
        await AssertFitsAsync(await _http.PutAsync($"/v1/offers/{id}", Http.JsonBody("""{"title":""}""")), "HttpValidationProblemDetails");
        await AssertFitsAsync(await _http.GetAsync("/v1/offers/never-stored"), "ProblemDetails");
    }

    [Fact]
    public async Task The_reference_ui_is_served_at_docs_from_the_package_not_a_cdn()
    {
        var page = await _http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/docs/scalar.js")).StatusCode);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await _http.GetAsync(Matching.Api.ApiDocument.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Validates a response body against a component schema of the document (JSON Schema 2020-12, as OpenAPI 3.1 uses).</summary>
    private async Task AssertFitsAsync(HttpResponseMessage response, string component)
    {
        var body = await response.Content.ReadAsStringAsync();
        var document = await DocumentAsync();
        // The components become $defs of one schema, so that their references resolve within it.
        var defs = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var schemaText = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#/$defs/{{component}}","$defs":{{defs}}}""";
        using var schemaJson = JsonDocument.Parse(schemaText);
        var schema = JsonSchema.Build(schemaJson.RootElement, null, new Uri($"https://matching.test/{component}/{Guid.NewGuid():N}"));
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{component} does not fit: {body}\n{JsonSerializer.Serialize(result)}");
    }
}
