using System.Net;
using System.Net.Http.Headers;
using Matching.Tests.Http;
using static Matching.Tests.Http.Http;

namespace Matching.Tests.Keys;

/// <summary>How keys are switched on: the per-key rate limit, and a cluster that will not start open by accident.</summary>
public sealed class KeyModesTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        await using var root = new ApiFactory();
        await using var factory = root.WithWebHostBuilder(b => b
            .UseSetting("Auth:AdminKey", KeyedApi.AdminKey)
            .UseSetting("Auth:PermitsPerSecond", "1")
            .UseSetting("Auth:Burst", "2"));
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyedApi.AdminKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await http.GetAsync("/v1/keys");
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(limited);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        await AssertProblem(limited, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void A_cluster_without_an_admin_key_refuses_to_start()
    {
        using var root = new ApiFactory();
        using var factory = root.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:redis", "127.0.0.1:1"));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Auth:AdminKey", error.Message);
    }

    [Fact]
    public async Task Without_keys_the_embedded_default_serves_every_role_as_tenant_default()
    {
        await using var factory = new ApiFactory();
        using var http = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/v1/offers/open-o", JsonBody("""{"title":"An offer"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/status?tenant=default")).StatusCode);
    }
}
