using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Tests.Http;

/// <summary>What every HTTP test needs: a JSON body, and the check that a response is a problem document.</summary>
internal static class Http
{
    public static StringContent JsonBody(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

    /// <summary>Waits until /v1/status reports no propagation backlog: then every kept shortlist is current.</summary>
    public static async Task WaitForQuietAsync(HttpClient http)
    {
        await Wait.UntilAsync(async () => (long)(await http.GetFromJsonAsync<JsonObject>("/v1/status"))!["backlog"]!["pending"]! == 0,
            () => "the backlog did not drain", poll: TimeSpan.FromMilliseconds(10));
    }

    public static async Task<JsonObject> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        return problem;
    }

    /// <summary>
    /// Sends <paramref name="body"/> (over its limit) twice, with a Content-Length and chunked without one, and checks
    /// that both get the same 413 problem document.
    /// </summary>
    public static async Task AssertTooLargeEitherWayAsync(HttpClient http, string method, string url, byte[] body)
    {
        var sized = new ByteArrayContent(body);
        sized.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var sizedProblem = await AssertProblem(await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = sized }), HttpStatusCode.RequestEntityTooLarge);
        var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var chunkedProblem = await AssertProblem(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal((string?)sizedProblem["title"], (string?)chunkedProblem["title"]);
        Assert.Equal((string?)sizedProblem["detail"], (string?)chunkedProblem["detail"]);
    }

    /// <summary>A body over the limit of <paramref name="items"/> (1: a PUT body; more: a batch array of that many items).</summary>
    public static byte[] OversizedBody(string id, int items)
    {
        var item = "{" + (items > 1 ? "\"id\":\"" + id + "\"," : "") + "\"title\":\"x\",\"description\":\"" + new string('d', (70_000 / items) + 19_000) + "\"}";
        return Encoding.UTF8.GetBytes(items > 1 ? "[" + string.Join(",", Enumerable.Repeat(item, items)) + "]" : item);
    }
}
