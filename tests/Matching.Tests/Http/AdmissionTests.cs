using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// Admission control over real HTTP: with a bound of zero, a single write that would join a propagation queue
/// holding any change is refused with 503, Retry-After and nothing stored; once the backlog drains it is accepted.
/// </summary>
public sealed class AdmissionTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new ApiFactory().WithWebHostBuilder(b => b.UseSetting("Matching:AdmissionBound", "00:00:00"));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_write_is_refused_while_the_backlog_is_past_its_bound_and_accepted_once_it_drains()
    {
        var http = _factory.CreateClient();
        // Offers whose kept lists every need's propagation must reach, so that a need's job takes a while.
        var offers = string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"id":"o{{i}}","title":"Solid-state battery electrolyte {{i}}","keywords":["battery"]}"""));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/offers/batch", JsonBody($"[{offers}]"))).StatusCode);
        await WaitForQuietAsync(http);

        var refused = new List<(string Id, HttpResponseMessage Response)>();
        var round = 0;
        await Wait.UntilAsync(async () =>
        {
            // A burst of needs: those that reach a shard whose propagator is carrying an earlier one are refused.
            var ids = Enumerable.Range(0, 40).Select(i => $"n{round}-{i}").ToArray();
            round++;
            var responses = await Task.WhenAll(ids.Select(id => http.PutAsync($"/v1/needs/{id}", JsonBody("""{"title":"Battery electrolyte for solid-state cells"}"""))));
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
            refused.AddRange(ids.Zip(responses).Where(x => x.Second.StatusCode == HttpStatusCode.ServiceUnavailable));
            return refused.Count > 0;
        }, () => "no write was refused while the backlog held changes");

        foreach (var (id, response) in refused)
        {
            var problem = await AssertProblem(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("retry after", (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v1/needs/{id}")).StatusCode); // nothing stored
        }

        await WaitForQuietAsync(http);
        var (again, _) = refused[0];
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/v1/needs/{again}", JsonBody("""{"title":"Battery electrolyte for solid-state cells"}"""))).StatusCode);
        var status = (await http.GetFromJsonAsync<JsonObject>("/v1/status"))!;
        Assert.True((long)status["needs"]! >= 1);
    }
}
