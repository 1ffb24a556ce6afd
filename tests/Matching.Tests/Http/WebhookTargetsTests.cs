using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts;
using Microsoft.Extensions.DependencyInjection;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>SSRF: webhooks cannot be pointed at the service's own network, neither at registration nor at delivery.</summary>
public sealed class WebhookTargetsTests(ProductionWebhooksFactory fixture) : IClassFixture<ProductionWebhooksFactory>
{
    private const string Secret = "0123456789abcdef-secret";

    private readonly HttpClient _http = fixture.Factory.CreateClient();
    private readonly string _p = "t" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Theory]
    [InlineData("http://127.0.0.1/hook", "https")]
    [InlineData("http://[::1]/hook", "https")]
    [InlineData("http://169.254.169.254/latest/meta-data", "https")]
    [InlineData("http://10.0.0.1/hook", "https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://192.168.0.10/hook", "private")]
    [InlineData("https://[fd12::1]/hook", "private")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "link-local")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://2130706433/hook", "loopback")]
    public async Task A_hostile_url_is_refused_with_a_validation_problem_on_url(string url, string reason)
    {
        var response = await _http.PutAsync($"/v1/webhooks/{_p}hostile", JsonBody(Body(url)));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(reason, (string)problem["errors"]!["url"]![0]!);
        await AssertProblem(await _http.DeleteAsync($"/v1/webhooks/{_p}hostile"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_public_https_url_is_accepted()
    {
        var response = await _http.PutAsync($"/v1/webhooks/{_p}public", JsonBody(Body("https://93.184.216.34/hook")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/v1/webhooks/{_p}public")).StatusCode);
    }

    [Fact]
    public async Task Delivery_refuses_an_address_that_was_not_checked_at_registration()
    {
        // As if the name resolved to a public address when registered and to loopback now (DNS rebinding): the
        // registry grain takes the URL without the Api's check, so only delivery stands in the way.
        await using var receiver = await WebhookReceiver.StartAsync(_p);
        var port = new Uri(receiver.Url).Port;
        var name = $"{_p}rebound";
        var registry = fixture.Factory.Services.GetRequiredService<IClusterClient>().GetGrain<IWebhookRegistryGrain>(GrainKeys.DefaultTenant);
        await registry.PutAsync(name, new WebhookSpec($"https://localhost:{port}/hook", Secret, WebhookKinds.Need));
        try
        {
            await Changes.PublishAsync(fixture.Factory.Services, Changes.Of(Side.Needs, $"{_p}n", 1, [], "a"));

            var delivery = await Wait.ForAsync(async () => (await Listed(name))["delivery"]!,
                d => (long)d["failedAttempts"]! >= 1, "no delivery was attempted", SseClient.Deadline);

            Assert.Contains("loopback", (string)delivery["lastError"]!);
            Assert.Equal(0, (long)delivery["delivered"]!);
            Assert.False(receiver.TryNext(out _));
        }
        finally
        {
            await registry.DeleteAsync(name);
        }
    }

    private static string Body(string url) =>
        new JsonObject { ["url"] = url, ["secret"] = Secret, ["kinds"] = new JsonArray("need") }.ToJsonString();

    private async Task<JsonObject> Listed(string name)
    {
        var list = (await _http.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!;
        return list["webhooks"]!.AsArray().Single(w => (string)w!["name"]! == name)!.AsObject();
    }
}
