using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Tests.Http;

/// <summary>A bulk import's progress in /v1/status, on a host of its own: its thousand offers stay out of other tests' lists.</summary>
public sealed class ImportProgressTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Status_reports_a_bulk_imports_progress_until_every_list_is_computed()
    {
        var http = _factory.CreateClient();
        await Http.WaitForQuietAsync(http);
        var before = (await http.GetFromJsonAsync<JsonObject>("/v1/status"))!["import"]!;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var offers = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"id":"{{prefix}}-{{i}}","title":"Perovskite tandem cell {{i}}"}"""));

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/offers/batch", Http.JsonBody($"[{offers}]"))).StatusCode);
        await Http.WaitForQuietAsync(http);
        var after = (await http.GetFromJsonAsync<JsonObject>("/v1/status"))!["import"]!;

        Assert.Equal(1000, (long)after["itemsImported"]! - (long)before["itemsImported"]!);
        Assert.True((long)after["listsComputed"]! - (long)before["listsComputed"]! >= 1000, after.ToJsonString()); // each imported offer's own list, by the sweep
        Assert.Equal(0, (long)after["listsLeft"]!);
        Assert.Null(after["secondsLeft"]);
    }
}
