using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Matching.Contracts;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>Webhook registration over HTTP, and signed, retried delivery to a real listener on a loopback port.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhooksTests(ApiFactory factory)
{
    private const string Secret = "0123456789abcdef-secret";

    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "w" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Fact]
    public async Task A_need_change_is_posted_signed_with_the_whole_kept_list()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_p);
        // Earlier tests' writes must have propagated: their changes would reach this webhook and share its outboxes.
        await WaitForQuietAsync(_http);
        await Register($"{_p}hook", receiver.Url, "need");
        try
        {
            var need = $"{_p}n";
            // An offer's change in the same partition, published first: a need-only webhook must never see it.
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Offers, Changes.SamePartition($"{_p}o", need), 1, [], "x"));
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, need, 4, ["a"], "b", "a", "c", "d"));

            var post = await receiver.NextAsync();

            Assert.Equal($"need:{need}:4", post.EventId);
            Assert.Equal("application/json", post.ContentType?.Split(';')[0]);
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), post.Body)), post.Signature);
            var body = JsonNode.Parse(post.Body)!;
            Assert.Equal(post.EventId, (string)body["eventId"]!);
            Assert.Equal("need", (string)body["kind"]!);
            Assert.Equal(need, (string)body["needId"]!);
            Assert.Equal("test-model", (string)body["modelVersion"]!);
            Assert.Equal(["b", "a", "c", "d"], body["items"]!.AsArray().Select(i => (string)i!["offerId"]!));
            Assert.Equal("reason", (string)body["items"]![0]!["reasons"]![0]!);
            Assert.NotNull((DateTimeOffset?)body["at"]);
        }
        finally
        {
            await _http.DeleteAsync($"/v1/webhooks/{_p}hook");
        }
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_event_and_counted()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_p);
        // Earlier tests' writes must have propagated: their changes would reach this webhook and share its outboxes.
        await WaitForQuietAsync(_http);
        receiver.Then(500);
        await Register($"{_p}hook", receiver.Url, "need", "offer");
        try
        {
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Offers, $"{_p}o", 1, [], "n1"));

            var failed = await receiver.NextAsync();
            var retried = await receiver.NextAsync();

            Assert.Equal(500, failed.Status);
            Assert.Equal(200, retried.Status);
            Assert.Equal($"offer:{_p}o:1", retried.EventId);
            Assert.Equal(failed.EventId, retried.EventId);
            Assert.Equal(failed.Body, retried.Body);
            Assert.Equal(failed.Signature, retried.Signature);
            Assert.Equal("n1", (string)JsonNode.Parse(retried.Body)!["items"]![0]!["needId"]!);
            // The receiver records a POST before its answer reaches the sender: wait for the count. Other items'
            // changes still in the stream may be delivered too (answered 200), so delivered is at least one.
            var delivery = await Wait.ForAsync(async () => (await Listed($"{_p}hook"))["delivery"]!, d => (long)d["delivered"]! >= 1 && (long)d["pending"]! == 0, "the change was not delivered", SseClient.Deadline);
            Assert.Equal(1, (long)delivery["failedAttempts"]!);
            Assert.StartsWith("HTTP 500", (string)delivery["lastError"]!);
        }
        finally
        {
            await _http.DeleteAsync($"/v1/webhooks/{_p}hook");
        }
    }

    [Fact]
    public async Task A_change_that_fails_every_attempt_is_dropped_and_counted()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_p);
        await WaitForQuietAsync(_http);
        receiver.Then(503);
        receiver.Then(503);
        receiver.Then(503); // the test factory allows 3 attempts
        await Register($"{_p}hook", receiver.Url, "need");
        try
        {
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, $"{_p}n", 1, [], "a"));
            var attempts = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };

            Assert.All(attempts, a => Assert.Equal(($"need:{_p}n:1", 503), (a.EventId, a.Status)));
            var delivery = await Wait.ForAsync(async () => (await Listed($"{_p}hook"))["delivery"]!, d => (long)d["dropped"]! == 1, "the delivery was not dropped", SseClient.Deadline);
            Assert.Equal(3, (long)delivery["failedAttempts"]!);
            Assert.Equal(0, (long)delivery["pending"]!);
            Assert.False(receiver.TryNext(out var more), $"unexpected {more?.EventId}");
        }
        finally
        {
            await _http.DeleteAsync($"/v1/webhooks/{_p}hook");
        }
    }

    [Fact]
    public async Task A_newer_change_of_an_item_replaces_its_undelivered_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_p);
        await WaitForQuietAsync(_http);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Then(() => // the first POST (x:1) is held until released, then fails
        {
            arrived.TrySetResult();
            return release.Task;
        });
        await Register($"{_p}needs", receiver.Url, "need");
        await Register($"{_p}offers", receiver.Url, "offer");
        try
        {
            var x = $"{_p}x";
            var fence = Changes.SamePartition($"{_p}f", x);
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, x, 1, [], "a"));
            await arrived.Task.WaitAsync(SseClient.Deadline);
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, x, 2, ["a"], "b"));
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Needs, x, 3, ["b"], "c"));
            // The offers webhook is not held: once the fence (published after x's changes, in the same partition)
            // reaches it, the dispatcher has queued x:2 and x:3 for the needs webhook while x:1 was in flight.
            await Changes.PublishAsync(factory.Services, Changes.Of(Side.Offers, fence, 1, [], "a"));
            var fenced = await receiver.NextAsync();
            release.SetResult(500);
            var failed = await receiver.NextAsync();
            var delivered = await receiver.NextAsync();

            Assert.Equal($"offer:{fence}:1", fenced.EventId);
            Assert.Equal(($"need:{x}:1", 500), (failed.EventId, failed.Status));
            Assert.Equal(($"need:{x}:3", 200), (delivered.EventId, delivered.Status));
            var needs = await Wait.ForAsync(async () => (await Listed($"{_p}needs"))["delivery"]!, d => (long)d["pending"]! == 0, "deliveries are still pending", SseClient.Deadline);
            Assert.Equal(0, (long)needs["dropped"]!);
            Assert.False(receiver.TryNext(out var more), $"unexpected {more?.EventId}");
        }
        finally
        {
            await _http.DeleteAsync($"/v1/webhooks/{_p}needs");
            await _http.DeleteAsync($"/v1/webhooks/{_p}offers");
        }
    }

    [Fact]
    public async Task Put_creates_then_replaces_list_hides_the_secret_and_delete_removes()
    {
        var name = $"{_p}crud";
        var created = await _http.PutAsync($"/v1/webhooks/{name}", JsonBody($$"""{"url":"https://example.test/hooks?a=1","secret":"{{Secret}}","kinds":["need"]}"""));
        var replaced = await _http.PutAsync($"/v1/webhooks/{name}", JsonBody($$"""{"url":"http://127.0.0.1:9/x","secret":"{{Secret}}-2","kinds":["offer","need"]}"""));
        var listed = await Listed(name);
        var deleted = await _http.DeleteAsync($"/v1/webhooks/{name}");
        var again = await _http.DeleteAsync($"/v1/webhooks/{name}");
        var list = (await _http.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/webhooks/{name}", created.Headers.Location?.ToString());
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("https://example.test/hooks?a=1", (string)body["url"]!);
        Assert.Equal(["need"], body["kinds"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["need", "offer"], listed["kinds"]!.AsArray().Select(k => (string)k!));
        Assert.Equal("http://127.0.0.1:9/x", (string)listed["url"]!);
        Assert.DoesNotContain(Secret, await created.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Secret, await replaced.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Secret, listed.ToJsonString());
        Assert.Equal(0, (long)listed["delivery"]!["delivered"]!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblem(again, HttpStatusCode.NotFound);
        Assert.DoesNotContain(list["webhooks"]!.AsArray(), w => (string)w!["name"]! == name);
    }

    [Theory]
    [InlineData("""[]""", "$")]
    [InlineData("""{"secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":"/relative","secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":"ftp://example.test/x","secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":"https://user:pw@example.test/x","secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":42,"secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":"https://example.test/x","secret":"too-short","kinds":["need"]}""", "secret")]
    [InlineData("""{"url":"https://example.test/x","kinds":["need"]}""", "secret")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":[]}""", "kinds")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":["needs"]}""", "kinds")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":["need","need"]}""", "kinds")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":"need"}""", "kinds")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":[1]}""", "kinds")]
    [InlineData("""{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":["need"],"extra":1}""", "extra")]
    [InlineData("""{"url":"https://example.test/x","url":"https://example.test/y","secret":"0123456789abcdef","kinds":["need"]}""", "url")]
    [InlineData("""{"url":"https://example.test/x","secret":"\ud800\ud800\ud800\ud800\ud800\ud800\ud800\ud800","kinds":["need"]}""", "secret")]
    public async Task A_bad_body_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var response = await _http.PutAsync($"/v1/webhooks/{_p}bad", JsonBody(json));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        await AssertProblem(await _http.DeleteAsync($"/v1/webhooks/{_p}bad"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_names_json_and_content_types_are_problems()
    {
        const string valid = """{"url":"https://example.test/x","secret":"0123456789abcdef","kinds":["need"]}""";

        await AssertProblem(await _http.PutAsync("/v1/webhooks/bad%20name", JsonBody(valid)), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PutAsync($"/v1/webhooks/{new string('n', 129)}", JsonBody(valid)), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.DeleteAsync("/v1/webhooks/bad%20name"), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PutAsync($"/v1/webhooks/{_p}x", JsonBody("""{"url":""")), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PutAsync($"/v1/webhooks/{_p}x", JsonBody(valid, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await AssertProblem(await _http.PutAsync($"/v1/webhooks/{_p}x", JsonBody(valid.Replace("x\"", new string('x', 20_000) + "\""))), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_tenant_may_register_at_most_the_cap()
    {
        var names = Enumerable.Range(0, WebhookRules.MaxWebhooks + 1).Select(i => $"{_p}cap{i}").ToArray();
        var existing = (await _http.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!["webhooks"]!.AsArray().Count;
        try
        {
            foreach (var name in names.Take(WebhookRules.MaxWebhooks - existing))
            {
                Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/webhooks/{name}", JsonBody(Body("http://127.0.0.1:9/x", "need")))).StatusCode);
            }

            var refused = await _http.PutAsync($"/v1/webhooks/{names[^1]}", JsonBody(Body("http://127.0.0.1:9/x", "need")));

            await AssertProblem(refused, HttpStatusCode.Conflict);
        }
        finally
        {
            foreach (var name in names)
            {
                await _http.DeleteAsync($"/v1/webhooks/{name}");
            }
        }
    }

    private static string Body(string url, params string[] kinds) =>
        new JsonObject { ["url"] = url, ["secret"] = Secret, ["kinds"] = new JsonArray(kinds.Select(k => (JsonNode)k!).ToArray()) }.ToJsonString();

    private async Task Register(string name, string url, params string[] kinds) =>
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsync($"/v1/webhooks/{name}", JsonBody(Body(url, kinds)))).StatusCode);

    private async Task<JsonObject> Listed(string name)
    {
        var list = (await _http.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!;
        return list["webhooks"]!.AsArray().Single(w => (string)w!["name"]! == name)!.AsObject();
    }
}
