using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matching.Tests.Http;

/// <summary>The real Api with its embedded silo, over the test server's HTTP pipeline; silo ports picked free.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Matching:ShardCount", "4");
        builder.UseSetting("Matching:ModelsPath", Path.Combine(Path.GetTempPath(), "matching-tests", "models-" + Guid.NewGuid().ToString("N"))); // a fresh store per test host: never the models of the developer's own store
        // Push tests wait for keep-alives and retries: short intervals keep them fast.
        builder.UseSetting("Push:KeepAliveInterval", "00:00:00.5");
        builder.UseSetting("Webhooks:FirstRetryDelay", "00:00:00.05");
        builder.UseSetting("Webhooks:MaxRetryDelay", "00:00:00.5");
        builder.UseSetting("Webhooks:MaxAttempts", "3");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

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
