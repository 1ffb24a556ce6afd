using System.Net;
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
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, _id);

        await AssertTooLargeEitherWayAsync(cluster.Http, method, url, OversizedBody(_id, items));

        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Http.GetAsync($"/v1/offers/{_id}")).StatusCode);
    }
}
