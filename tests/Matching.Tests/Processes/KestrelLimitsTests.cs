using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Matching.Tests.Http.Http;

namespace Matching.Tests.Processes;

/// <summary>
/// Body limits over Kestrel, which counts a body itself (the in-memory test server does not): a chunked body over the
/// limit gets the same problem document as one that declared its length.
/// </summary>
[Collection(ProcessesCollection.Name)]
public sealed class KestrelLimitsTests(ClusterProcesses cluster)
{
    private readonly string _id = "kl" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("PUT", "/v1/offers/{0}", 1)]
    [InlineData("POST", "/v1/offers/batch", 120)]
    public async Task A_chunked_body_over_the_limit_gets_the_same_problem_as_a_sized_one(string method, string path, int items)
    {
        await cluster.EnsureRunningAsync(silos: 2);
        var item = "{" + (items > 1 ? "\"id\":\"" + _id + "\"," : "") + "\"title\":\"x\",\"description\":\"" + new string('d', (70_000 / items) + 19_000) + "\"}";
        var body = Encoding.UTF8.GetBytes(items > 1 ? "[" + string.Join(",", Enumerable.Repeat(item, items)) + "]" : item);
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, _id);

        var sized = new ByteArrayContent(body);
        sized.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var sizedProblem = await AssertProblem(await cluster.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = sized }), HttpStatusCode.RequestEntityTooLarge);
        var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var chunkedProblem = await AssertProblem(await cluster.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal((string?)sizedProblem["title"], (string?)chunkedProblem["title"]);
        Assert.Equal((string?)sizedProblem["detail"], (string?)chunkedProblem["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Http.GetAsync($"/v1/offers/{_id}")).StatusCode);
    }
}
