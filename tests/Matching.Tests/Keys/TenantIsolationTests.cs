using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Matching.Grains;
using Matching.Tests.Http;
using static Matching.Tests.Http.Http;

namespace Matching.Tests.Keys;

/// <summary>
/// Two tenants over real HTTP with keys checked: every route answers each role as the matrix says (401 without a key,
/// 403 with the wrong role, both problem documents), and nothing of tenant A reaches tenant B's responses,
/// shortlists, SSE events or webhook bodies, through writes, a batch import and a model activation.
/// </summary>
public sealed class TenantIsolationTests(KeyedApi api) : IClassFixture<KeyedApi>
{
    private const string Offer = """{"title":"Compact superconducting proton therapy cyclotron","description":"A compact cyclotron for proton therapy in cancer hospitals.","keywords":["proton therapy","cyclotron"]}""";
    private const string Need = """{"title":"We need a compact proton therapy cyclotron","description":"A cancer hospital looks for proton therapy."}""";

    private readonly string _p = "t" + Guid.NewGuid().ToString("N")[..8] + "-";

    /// <summary>Each route, a body if it takes one, and the roles it admits; <c>anyone</c> needs no key.</summary>
    public static TheoryData<string, string, string?, string> Routes => new()
    {
        { "PUT", "/v1/offers/m-o", Offer, "portal" },
        { "GET", "/v1/offers/m-o", null, "portal datascience" },
        { "GET", "/v1/offers/m-o/shortlist", null, "portal" },
        { "GET", "/v1/offers/m-missing/shortlist/events", null, "portal" },
        { "POST", "/v1/offers/batch", "[]", "portal" },
        { "DELETE", "/v1/offers/m-gone", null, "portal" },
        { "PUT", "/v1/needs/m-n", Need, "portal" },
        { "GET", "/v1/needs/m-n", null, "portal datascience" },
        { "GET", "/v1/needs/m-n/shortlist", null, "portal" },
        { "GET", "/v1/needs/m-missing/shortlist/events", null, "portal" },
        { "POST", "/v1/needs/batch", "[]", "portal" },
        { "DELETE", "/v1/needs/m-gone", null, "portal" },
        { "POST", "/v1/shortlist", Need, "portal" },
        { "PUT", "/v1/webhooks/m-hook", """{"url":"https://hooks.example.com/x","secret":"0123456789abcdef-secret","kinds":["need"]}""", "portal" },
        { "GET", "/v1/webhooks", null, "portal" },
        { "DELETE", "/v1/webhooks/m-hook", null, "portal" },
        { "POST", "/v1/feedback", """{"needId":"m-n","offerId":"m-o","kind":"clicked"}""", "portal" },
        { "GET", "/v1/feedback", null, "datascience" },
        { "GET", "/v1/models", null, "datascience" },
        { "GET", $"/v1/models/{ModelHost.DefaultVersion}", null, "datascience" },
        { "POST", "/v1/models/m-none/activate", null, "datascience" },
        { "GET", "/v1/status", null, "portal ops" },
        { "GET", "/v1/tenants", null, "ops" },
        { "GET", "/v1/consistency?sample=1", null, "ops" },
        { "GET", "/v1/keys", null, "ops" },
        { "DELETE", "/v1/keys/k-none", null, "ops" },
        { "GET", "/metrics", null, "ops" },
        { "GET", "/dashboard/", null, "ops" }, // "/dashboard" redirects, and HttpClient drops the key on a redirect
        { "GET", "/health/live", null, "anyone" },
        { "GET", "/openapi/v1.json", null, "anyone" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_admits_only_its_roles(string method, string path, string? body, string admits)
    {
        var callers = new (string Role, HttpClient Http)[]
        {
            ("none", api.Anonymous), ("portal", api.PortalA), ("datascience", api.DataScienceA), ("ops", api.OpsKey),
        };
        foreach (var (role, http) in callers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonBody(body) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var allowed = admits == "anyone" || admits.Split(' ').Contains(role);
            var what = $"{method} {path} as {role}: {(int)response.StatusCode}";
            if (allowed)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500, what);
            }
            else
            {
                var problem = await AssertProblem(response, role == "none" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), what);
                if (role == "none")
                {
                    Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
                }
            }
        }
    }

    [Fact]
    public async Task Nothing_of_one_tenant_reaches_another()
    {
        var (a, b) = (api.PortalA, api.PortalB);
        await using var receiver = await WebhookReceiver.StartAsync("");
        await Ok(b.PutAsync($"/v1/webhooks/{_p}hook", JsonBody($$"""{"url":"{{receiver.Url}}","secret":"0123456789abcdef-secret","kinds":["need","offer"]}""")));

        // The same id in both tenants, and matching texts on both sides.
        await Ok(a.PutAsync($"/v1/offers/{_p}same", JsonBody("""{"title":"Offer of tenant A: proton therapy cyclotron"}""")));
        await Ok(b.PutAsync($"/v1/offers/{_p}same", JsonBody("""{"title":"Offer of tenant B: proton therapy cyclotron"}""")));
        await Ok(a.PutAsync($"/v1/offers/{_p}o-a", JsonBody(Offer)));
        await Ok(a.PutAsync($"/v1/needs/{_p}n-a", JsonBody(Need)));
        await Ok(b.PutAsync($"/v1/needs/{_p}n-b", JsonBody(Need)));
        using var events = await SseClient.OpenAsync(b, $"/v1/needs/{_p}n-b/shortlist/events?k=5");
        await Ok(b.PutAsync($"/v1/offers/{_p}o-b", JsonBody(Offer)));
        var import = $"[{{\"id\":\"{_p}o-a1\",\"title\":\"Proton therapy cyclotron one\"}},{{\"id\":\"{_p}o-a2\",\"title\":\"Proton therapy cyclotron two\"}}]";
        await Ok(a.PostAsync("/v1/offers/batch", JsonBody(import)));
        await Ok(api.DataScienceA.PostAsync($"/v1/models/{ModelHost.DefaultVersion}/activate", null));
        await WaitForQuietAsync(a);
        await WaitForQuietAsync(b);

        Assert.Equal("Offer of tenant A: proton therapy cyclotron", (string?)(await Get(a, $"/v1/offers/{_p}same"))["title"]);
        Assert.Equal("Offer of tenant B: proton therapy cyclotron", (string?)(await Get(b, $"/v1/offers/{_p}same"))["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/v1/offers/{_p}o-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/v1/needs/{_p}n-b")).StatusCode);

        var seenByB = new List<string>();
        foreach (var path in new[] { $"/v1/needs/{_p}n-b/shortlist?k=50", $"/v1/needs/{_p}n-b/shortlist?k=50&fresh=true", $"/v1/offers/{_p}o-b/shortlist?k=50", $"/v1/offers/{_p}o-b/shortlist?k=50&fresh=true" })
        {
            seenByB.Add((await Get(b, path)).ToJsonString());
        }

        seenByB.Add((await (await b.PostAsync("/v1/shortlist?k=50", JsonBody(Need))).Content.ReadAsStringAsync()));
        seenByB.Add((await Get(b, "/v1/webhooks")).ToJsonString());
        Assert.Contains($"{_p}o-b", seenByB[0]);
        Assert.True(seenByB[0].Contains("of tenant B", StringComparison.Ordinal), seenByB[0]);
        Assert.Contains($"{_p}n-b", seenByB[2]);

        // The SSE stream and the webhook: wait for B's own last change, then nothing of A may have come before it.
        await Ok(b.PutAsync($"/v1/offers/{_p}o-b-last", JsonBody(Offer)));
        var frames = new List<string>();
        while (!frames.Any(f => f.Contains($"{_p}o-b-last", StringComparison.Ordinal)))
        {
            frames.Add((await events.NextEventAsync()).Data ?? "");
        }

        var posts = new List<string>();
        while (!posts.Any(p => p.Contains($"{_p}o-b-last", StringComparison.Ordinal)))
        {
            posts.Add(Encoding.UTF8.GetString((await receiver.NextAsync()).Body));
        }

        foreach (var seen in seenByB.Concat(frames).Concat(posts))
        {
            Assert.DoesNotContain($"{_p}o-a", seen);
            Assert.DoesNotContain($"{_p}n-a", seen);
            Assert.DoesNotContain("of tenant A", seen);
        }

        var statusA = await Get(a, "/v1/status");
        var statusB = await Get(b, "/v1/status");
        Assert.True((long)statusA["offers"]! >= 4, statusA.ToJsonString()); // the matrix's writes are tenant A's too
        Assert.Equal(3, (long)statusB["offers"]!);
        var seenByOps = await Get(api.OpsKey, $"/v1/status?tenant={api.TenantB}");
        Assert.Equal(((long)statusB["offers"]!, (long)statusB["needs"]!), ((long)seenByOps["offers"]!, (long)seenByOps["needs"]!));
        await AssertProblem(await a.GetAsync($"/v1/status?tenant={api.TenantB}"), HttpStatusCode.Forbidden);
        var tenants = (await Get(api.OpsKey, "/v1/tenants"))["tenants"]!.AsArray().Select(t => (string)t!["tenant"]!).ToArray();
        Assert.Contains(api.TenantA, tenants);
        Assert.Contains(api.TenantB, tenants);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_seconds()
    {
        var key = await api.CreateKeyAsync(api.TenantA, "portal");
        using var http = api.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/status")).StatusCode);
        var id = key.Split('_')[1];
        var listed = (await Get(api.Admin, "/v1/keys"))["keys"]!.AsArray();
        Assert.Contains(listed, k => (string)k!["id"]! == id && k["key"] is null);
        Assert.DoesNotContain(key, listed.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin.DeleteAsync($"/v1/keys/{id}")).StatusCode);

        await Wait.UntilAsync(async () => (await http.GetAsync("/v1/status")).StatusCode == HttpStatusCode.Unauthorized, () => "the revoked key still works");
        await AssertProblem(await http.GetAsync("/v1/status"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_bad_key_request_is_a_validation_problem_and_stores_nothing()
    {
        var before = (await Get(api.Admin, "/v1/keys"))["keys"]!.AsArray().Count;
        var problem = await AssertProblem(
            await api.Admin.PostAsync("/v1/keys", JsonBody("""{"tenant":"Bad/Tenant","role":"root","name":"x","extra":1}""")), HttpStatusCode.BadRequest);

        Assert.Equal(["extra", "role", "tenant"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(before, (await Get(api.Admin, "/v1/keys"))["keys"]!.AsArray().Count);
    }

    private static async Task Ok(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonNode> Get(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonNode>(path)) ?? throw new InvalidOperationException($"GET {path} answered null");
}
