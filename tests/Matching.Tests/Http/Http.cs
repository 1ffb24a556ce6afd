using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Tests.Http;

/// <summary>What every HTTP test needs: a JSON body, and the check that a response is a problem document.</summary>
internal static class Http
{
    public static StringContent Json(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

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
}
