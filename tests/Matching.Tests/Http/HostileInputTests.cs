using System.Net;
using System.Net.Http.Headers;
using System.Text;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>Malformed input of every kind gets a 4xx problem document and writes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _id = "h" + Guid.NewGuid().ToString("N")[..8];

    public static TheoryData<string, byte[], string?, HttpStatusCode> Bodies() => new()
    {
        { "malformed JSON", "{\"title\":"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "trailing comma", "{\"title\":\"x\",}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "comment", "{/* c */\"title\":\"x\"}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "two documents", "{\"title\":\"x\"}{\"title\":\"y\"}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "empty body", [], "application/json", HttpStatusCode.BadRequest },
        { "invalid UTF-8", [(byte)'{', (byte)'"', (byte)'t', (byte)'i', (byte)'t', (byte)'l', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'], "application/json", HttpStatusCode.BadRequest },
        { "lone surrogate escape", "{\"title\":\"\\ud800\"}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "deep nesting", Encoding.UTF8.GetBytes("{\"title\":\"x\",\"keywords\":" + new string('[', 5000) + new string(']', 5000) + "}"), "application/json", HttpStatusCode.BadRequest },
        { "no content type", "{\"title\":\"x\"}"u8.ToArray(), null, HttpStatusCode.UnsupportedMediaType },
        { "text/plain", "{\"title\":\"x\"}"u8.ToArray(), "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "form", "title=x"u8.ToArray(), "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "latin-1 charset", "{\"title\":\"x\"}"u8.ToArray(), "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType },
        { "over 64 KB", Encoding.UTF8.GetBytes("{\"title\":\"x\",\"description\":\"" + new string('d', 70_000) + "\"}"), "application/json", HttpStatusCode.RequestEntityTooLarge },
        { "huge number", "{\"title\":\"x\",\"trl\":1e400}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "big integer", "{\"title\":\"x\",\"trl\":99999999999999999999}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "NUL in title", "{\"title\":\"a\\u0000b\"}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
        { "escape character in a keyword", "{\"title\":\"a\",\"keywords\":[\"\\u001b[31m\"]}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_put_gets_a_problem_and_stores_nothing(string name, byte[] body, string? contentType, HttpStatusCode status)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _http.PutAsync($"/v1/offers/{_id}", content);

        Assert.True(status == response.StatusCode, $"{name}: {response.StatusCode}");
        await AssertProblem(response, status);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_id}")).StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/problem+json")]
    public async Task A_byte_order_mark_and_utf8_charsets_are_accepted(string contentType)
    {
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. "{\"title\":\"BOM\",\"description\":\"line one\\nline\\ttwo\"}"u8.ToArray()]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await _http.PutAsync($"/v1/offers/{_id}", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_over_2_MB_is_refused_with_413_and_stores_nothing()
    {
        var item = "{\"id\":\"" + _id + "\",\"title\":\"x\",\"description\":\"" + new string('d', 19_000) + "\"}";
        var body = "[" + string.Join(",", Enumerable.Repeat(item, 120)) + "]";

        var response = await _http.PostAsync("/v1/offers/batch", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_id}")).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/v1/offers/{0}", 1)]
    [InlineData("POST", "/v1/offers/batch", 120)]
    public async Task A_chunked_body_over_the_limit_gets_the_same_problem_as_a_sized_one(string method, string path, int items)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, _id);

        await AssertTooLargeEitherWayAsync(_http, method, url, OversizedBody(_id, items));

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/v1/offers/{_id}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"title\":\"x\"}")]
    [InlineData("42")]
    public async Task A_batch_that_is_not_an_array_is_refused(string body)
    {
        var response = await _http.PostAsync("/v1/needs/batch", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_get_problem_documents()
    {
        await AssertProblem(await _http.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound);
        await AssertProblem(await _http.PatchAsync($"/v1/offers/{_id}", new StringContent("{}")), HttpStatusCode.MethodNotAllowed);
    }
}
