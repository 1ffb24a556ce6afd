using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Api;
using Matching.Cli;
using Matching.Contracts;
using Matching.Contracts.Input;
using Microsoft.Extensions.DependencyInjection;

using static Matching.Tests.Http.Http;

namespace Matching.Tests.Http;

/// <summary>
/// Feedback over HTTP: recording with the served pair, strict validation that records nothing, exact paging of
/// the export, and the command line's training files. The log is shared by the fixture's tests, which run one at
/// a time: each test reads the log from where it ended when the test began.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FeedbackTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _http = factory.CreateClient();
    private readonly string _p = "f" + Guid.NewGuid().ToString("N")[..8] + "-";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "feedback-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Feedback_is_accepted_and_recorded_with_the_model_version_score_and_features_served()
    {
        await PutNeed("n", """{"title":"Looking for a compact proton therapy cyclotron","keywords":["cyclotron"]}""");
        await PutOffer("o", """{"title":"Compact superconducting proton therapy cyclotron","keywords":["cyclotron"],"trl":6}""");
        // The offer can make the statistics drift: a refresh between the feedback and the read below would rescore the pair.
        await WaitForQuietAsync(_http);
        var end = await EndAsync();

        var response = await _http.PostAsync("/v1/feedback", JsonBody($$"""{"needId":"{{_p}}n","offerId":"{{_p}}o","event":"clicked","at":"2026-03-01T09:30:00+08:00"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"{_p}n", (string)accepted["needId"]!);
        Assert.Equal($"{_p}o", (string)accepted["offerId"]!);
        Assert.Equal("clicked", (string)accepted["event"]!);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), Time(accepted["at"]));
        Assert.Equal(TimeSpan.Zero, Time(accepted["at"]).Offset);
        var status = (await _http.GetFromJsonAsync<JsonObject>("/v1/status"))!;
        Assert.Equal((string)status["modelVersion"]!, (string)accepted["modelVersion"]!);
        var score = (double)accepted["score"]!;
        Assert.InRange(score, 0, 1);
        var features = accepted["features"]!.AsObject();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Equal(JsonValueKind.Number, f.Value!.GetValueKind()));

        // The shortlist serving the pair now scores it as recorded.
        var fresh = (await _http.GetFromJsonAsync<JsonObject>($"/v1/needs/{_p}n/shortlist?k=50&fresh=true"))!;
        var hit = fresh["items"]!.AsArray().Single(i => (string)i!["offerId"]! == $"{_p}o")!;
        Assert.Equal((double)hit["score"]!, score, 6);

        var recorded = Assert.Single(await EventsAfterAsync(end));
        Assert.True(JsonNode.DeepEquals(accepted, recorded), $"{accepted} != {recorded}");
        Assert.Equal(First(end), (long)recorded["sequence"]!);
    }

    [Fact]
    public async Task Feedback_without_at_is_dated_when_it_was_received()
    {
        await PutNeed("n", """{"title":"Battery recycling line"}""");
        await PutOffer("o", """{"title":"Lithium battery recycling process"}""");
        var before = DateTimeOffset.UtcNow;

        var response = await Post("n", "o", "deal");

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Time(accepted["receivedAt"]), Time(accepted["at"]));
        Assert.InRange(Time(accepted["at"]), before, after);
    }

    [Theory]
    [InlineData("""{"offerId":"{o}","event":"shown"}""", "needId")]
    [InlineData("""{"needId":"{n}","event":"shown"}""", "offerId")]
    [InlineData("""{"needId":"{n}","offerId":"{o}"}""", "event")]
    [InlineData("""{}""", "needId")]
    [InlineData("""{}""", "offerId")]
    [InlineData("""{}""", "event")]
    [InlineData("""{"needId":null,"offerId":"{o}","event":"shown"}""", "needId")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"liked"}""", "event")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"Clicked"}""", "event")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":" deal"}""", "event")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":3}""", "event")]
    [InlineData("""{"needId":"a b","offerId":"{o}","event":"shown"}""", "needId")]
    [InlineData("""{"needId":"{long}","offerId":"{o}","event":"shown"}""", "needId")]
    [InlineData("""{"needId":"{n}","offerId":"","event":"shown"}""", "offerId")]
    [InlineData("""{"needId":"{n}","offerId":"x/y","event":"shown"}""", "offerId")]
    [InlineData("""{"needId":"{n}","offerId":42,"event":"shown"}""", "offerId")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"yesterday"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"2026-03-01T09:30:00"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"2026-03-01"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"2026-13-01T09:30:00Z"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"2026-03-01T25:30:00Z"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"0001-01-01T00:00:00+01:00"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":"01/03/2026 09:30 +08:00"}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","at":1772328600}""", "at")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","score":1}""", "score")]
    [InlineData("""{"needId":"{n}","offerId":"{o}","event":"shown","event":"deal"}""", "event")]
    [InlineData("""[{"needId":"{n}","offerId":"{o}","event":"shown"}]""", "$")]
    [InlineData("\"shown\"", "$")]
    [InlineData("null", "$")]
    public async Task Invalid_feedback_is_a_400_problem_naming_the_field_and_records_nothing(string body, string field)
    {
        await PutNeed("n", """{"title":"Water purification membrane"}""");
        await PutOffer("o", """{"title":"Graphene water purification membrane"}""");
        var end = await EndAsync();

        var response = await _http.PostAsync("/v1/feedback", JsonBody(body
            .Replace("{n}", $"{_p}n", StringComparison.Ordinal)
            .Replace("{o}", $"{_p}o", StringComparison.Ordinal)
            .Replace("{long}", new string('a', 129), StringComparison.Ordinal)));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
        Assert.Equal(end, await EndAsync());
    }

    [Fact]
    public async Task Feedback_on_a_need_or_offer_that_is_not_stored_is_a_404_saying_which_and_records_nothing()
    {
        await PutNeed("n", """{"title":"Precision agriculture drones"}""");
        await PutOffer("o", """{"title":"Crop spraying drone platform"}""");
        await PutOffer("gone", """{"title":"Withdrawn drone offer"}""");
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/v1/offers/{_p}gone")).StatusCode);
        var end = await EndAsync();

        var unknownNeed = await AssertProblem(await Post("nobody", "o", "clicked"), HttpStatusCode.NotFound);
        var unknownOffer = await AssertProblem(await Post("n", "nothing", "clicked"), HttpStatusCode.NotFound);
        var withdrawnOffer = await AssertProblem(await Post("n", "gone", "clicked"), HttpStatusCode.NotFound);
        var neither = await AssertProblem(await Post("nobody", "nothing", "clicked"), HttpStatusCode.NotFound);

        Assert.Equal($"No need '{_p}nobody' is stored.", (string)unknownNeed["detail"]!);
        Assert.Equal($"No offer '{_p}nothing' is stored.", (string)unknownOffer["detail"]!);
        Assert.Equal($"No offer '{_p}gone' is stored.", (string)withdrawnOffer["detail"]!);
        Assert.Equal($"No need '{_p}nobody' and no offer '{_p}nothing' is stored.", (string)neither["detail"]!);
        Assert.Equal(end, await EndAsync());
    }

    [Fact]
    public async Task Bodies_that_are_not_json_are_refused_and_record_nothing()
    {
        await PutNeed("n", """{"title":"Solar cell coating"}""");
        await PutOffer("o", """{"title":"Perovskite solar cell coating"}""");
        var valid = $$"""{"needId":"{{_p}}n","offerId":"{{_p}}o","event":"shown"}""";
        var end = await EndAsync();

        await AssertProblem(await _http.PostAsync("/v1/feedback", JsonBody(valid, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await AssertProblem(await _http.PostAsync("/v1/feedback", JsonBody(valid + ",")), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PostAsync("/v1/feedback", JsonBody(valid[..^1])), HttpStatusCode.BadRequest);
        await AssertProblem(await _http.PostAsync("/v1/feedback", JsonBody(valid.Replace("}", $",\"pad\":\"{new string('x', 8 * 1024)}\"}}"))), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(end, await EndAsync());
    }

    [Fact]
    public async Task The_export_pages_exactly_through_more_events_than_one_page()
    {
        await PutNeed("n", """{"title":"Hydrogen fuel cell stack"}""");
        await PutOffer("o1", """{"title":"PEM fuel cell stack"}""");
        await PutOffer("o2", """{"title":"Solid oxide fuel cell"}""");
        var end = await EndAsync();
        (string Offer, string Event)[] posted =
            [("o1", "shown"), ("o2", "shown"), ("o1", "clicked"), ("o1", "contacted"), ("o2", "rejected"), ("o1", "deal"), ("o2", "clicked")];
        foreach (var (offer, e) in posted)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Post("n", offer, e)).StatusCode);
        }

        var pages = new List<(JsonArray Events, long? Next)>();
        var cursor = end;
        do
        {
            var page = (await _http.GetFromJsonAsync<JsonObject>($"/v1/feedback?limit=3{After(cursor)}"))!;
            Assert.True(page.ContainsKey("next"), "next is written even when null");
            cursor = (long?)page["next"];
            pages.Add((page["events"]!.AsArray(), cursor));
            Assert.True(pages.Count <= 3, "more pages than events / limit");
        }
        while (cursor is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Events.Count));
        var events = pages.SelectMany(p => p.Events).Select(e => e!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => First(end) + i), events.Select(e => (long)e["sequence"]!));
        Assert.Equal([events[2]["sequence"]!.GetValue<long>(), events[5]["sequence"]!.GetValue<long>(), (long?)null], pages.Select(p => p.Next));
        Assert.Equal(posted.Select(x => ($"{_p}n", $"{_p}{x.Offer}", x.Event)),
            events.Select(e => ((string)e["needId"]!, (string)e["offerId"]!, (string)e["event"]!)));
        Assert.All(events, e => Assert.NotEmpty(e["features"]!.AsObject()));
    }

    [Fact]
    public async Task A_page_that_ends_at_the_end_of_the_log_says_so()
    {
        await PutNeed("n", """{"title":"Robotic welding cell"}""");
        await PutOffer("o", """{"title":"Laser welding robot"}""");
        var end = await EndAsync();
        await Post("n", "o", "shown");
        await Post("n", "o", "clicked");

        var page = (await _http.GetFromJsonAsync<JsonObject>($"/v1/feedback?limit=2{After(end)}"))!;
        var beyond = (await _http.GetFromJsonAsync<JsonObject>($"/v1/feedback?after={First(end) + 1_000_000}"))!;

        Assert.Equal(2, page["events"]!.AsArray().Count);
        Assert.Null(page["next"]);
        Assert.Empty(beyond["events"]!.AsArray());
        Assert.Null(beyond["next"]);
    }

    [Fact]
    public async Task The_export_reads_on_across_the_logs_segments()
    {
        // Over a thousand events: appended straight to the log (HTTP would only add the pair's scoring), so that
        // the log's first segment boundary is crossed whatever earlier tests left in it.
        var head = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IFeedbackLogGrain>(FeedbackLog.Head(GrainKeys.DefaultTenant));
        var end = await EndAsync();
        var count = FeedbackLog.SegmentCapacity + 5;
        var served = new ServedPair("test-model", 0.5, ["cosine"], [0.5f]);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            await head.AppendAsync(new FeedbackEvent($"{_p}n", $"{_p}o{i}", FeedbackKind.Shown, now, now, served));
        }

        var large = await EventsAfterAsync(end);
        var small = new List<JsonObject>();
        var cursor = end;
        do
        {
            var page = (await _http.GetFromJsonAsync<JsonObject>($"/v1/feedback?limit=7{After(cursor)}"))!;
            small.AddRange(page["events"]!.AsArray().Select(e => e!.AsObject()));
            cursor = (long?)page["next"];
        }
        while (cursor is not null);

        Assert.True(await head.GetCurrentSegmentAsync() >= 1);
        var expected = Enumerable.Range(0, count).Select(i => (First(end) + i, $"{_p}o{i}")).ToList();
        Assert.Equal(expected, large.Select(e => ((long)e["sequence"]!, (string)e["offerId"]!)));
        Assert.Equal(expected, small.Select(e => ((long)e["sequence"]!, (string)e["offerId"]!)));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("after=9223372036854775807", "after")]
    [InlineData("after=1&after=2", "after")]
    public async Task The_export_refuses_a_bad_query_string(string query, string field)
    {
        var problem = await AssertProblem(await _http.GetAsync($"/v1/feedback?{query}"), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
    }

    [Fact]
    public async Task Export_feedback_writes_each_pairs_best_grade_and_the_judged_items_and_skips_withdrawn_ones()
    {
        await PutNeed("nA", """{"title":"超导量子计算云平台需求","keywords":["量子计算"],"country":"cn","minTrl":5}""");
        await PutNeed("nB", """{"title":"Quantum key distribution for a bank","transferModes":["license"],"acceptForeign":false,"country":"GB"}""");
        await PutNeed("nC", """{"title":"Quantum sensor for pipelines"}""");
        await PutOffer("oX", """{"title":"超导量子计算机","keywords":["量子计算"],"trl":6,"country":"CN","transferModes":["license","equity"]}""");
        await PutOffer("oY", """{"title":"Quantum key distribution network","field":"quantum","owner":"University of Bristol"}""");
        await PutOffer("oZ", """{"title":"Quantum random number generator"}""");
        var end = await EndAsync();
        (string Need, string Offer, string Event)[] posted =
        [
            ("nA", "oX", "shown"), ("nA", "oY", "shown"), ("nA", "oX", "clicked"), ("nB", "oX", "deal"), ("nA", "oX", "contacted"),
            ("nA", "oY", "rejected"), ("nB", "oZ", "clicked"), ("nB", "oX", "shown"), ("nC", "oX", "clicked"), ("nA", "oX", "shown"),
        ];
        foreach (var (need, offer, e) in posted)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Post(need, offer, e)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/v1/offers/{_p}oZ")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/v1/needs/{_p}nC")).StatusCode);
        var apiEvents = await EventsAfterAsync(end);

        // Pages of 3: the command must follow the cursor across pages.
        var summary = await ExportFeedbackCommand.ExportAsync(_http, _dir, after: end, pageSize: 3);

        Assert.Equal(new ExportSummary(
            Events: 10, FirstSequence: First(end), LastSequence: First(end) + 9, Judgments: 3, Needs: 2, Offers: 2,
            WithdrawnNeeds: 1, WithdrawnOffers: 1, SkippedJudgments: 2), summary);
        Assert.Equal(["events.jsonl", "judgments.jsonl", "needs.jsonl", "offers.jsonl"],
            Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(
            $$"""
            {"needId":"{{_p}}nA","offerId":"{{_p}}oX","grade":3}
            {"needId":"{{_p}}nA","offerId":"{{_p}}oY","grade":0}
            {"needId":"{{_p}}nB","offerId":"{{_p}}oX","grade":4}

            """.ReplaceLineEndings("\n"),
            await File.ReadAllTextAsync(Path.Combine(_dir, "judgments.jsonl")));
        Assert.Equal(
            $$"""
            {"id":"{{_p}}nA","title":"超导量子计算云平台需求","keywords":["量子计算"],"country":"CN","minTrl":5,"transferModes":[],"acceptForeign":true,"confidential":false}
            {"id":"{{_p}}nB","title":"Quantum key distribution for a bank","keywords":[],"country":"GB","transferModes":["license"],"acceptForeign":false,"confidential":false}

            """.ReplaceLineEndings("\n"),
            await File.ReadAllTextAsync(Path.Combine(_dir, "needs.jsonl")));
        Assert.Equal(
            $$"""
            {"id":"{{_p}}oX","title":"超导量子计算机","keywords":["量子计算"],"country":"CN","trl":6,"transferModes":["license","equity"]}
            {"id":"{{_p}}oY","title":"Quantum key distribution network","keywords":[],"field":"quantum","transferModes":[],"owner":"University of Bristol"}

            """.ReplaceLineEndings("\n"),
            await File.ReadAllTextAsync(Path.Combine(_dir, "offers.jsonl")));

        // The item lines are what a batch import and the training files accept: the item fields plus id.
        foreach (var line in File.ReadLines(Path.Combine(_dir, "needs.jsonl")))
        {
            Assert.Empty(ItemReader.ReadNeed(JsonDocument.Parse(line).RootElement, ItemReader.IdRule.Required).Errors);
        }

        foreach (var line in File.ReadLines(Path.Combine(_dir, "offers.jsonl")))
        {
            Assert.Empty(ItemReader.ReadOffer(JsonDocument.Parse(line).RootElement, ItemReader.IdRule.Required).Errors);
        }

        // events.jsonl: every event, withdrawn items' too, as the API exports them, in log order.
        var exported = File.ReadLines(Path.Combine(_dir, "events.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(apiEvents.Count, exported.Count);
        Assert.All(apiEvents.Zip(exported), p => Assert.True(JsonNode.DeepEquals(p.First, p.Second), $"{p.First} != {p.Second}"));
    }

    [Fact]
    public async Task Export_feedback_of_an_empty_range_writes_empty_files()
    {
        var end = await EndAsync();

        var summary = await ExportFeedbackCommand.ExportAsync(_http, _dir, after: end);

        Assert.Equal(new ExportSummary(0, null, null, 0, 0, 0, 0, 0, 0), summary);
        Assert.All(Directory.GetFiles(_dir), f => Assert.Equal(0, new FileInfo(f).Length));
        Assert.Equal(4, Directory.GetFiles(_dir).Length);
    }

    private Task<HttpResponseMessage> Post(string need, string offer, string e) =>
        _http.PostAsync("/v1/feedback", JsonBody($$"""{"needId":"{{_p}}{{need}}","offerId":"{{_p}}{{offer}}","event":"{{e}}"}"""));

    private async Task PutNeed(string id, string json) =>
        Assert.True((await _http.PutAsync($"/v1/needs/{_p}{id}", JsonBody(json))).IsSuccessStatusCode);

    private async Task PutOffer(string id, string json) =>
        Assert.True((await _http.PutAsync($"/v1/offers/{_p}{id}", JsonBody(json))).IsSuccessStatusCode);

    /// <summary>The sequence number of the log's last event, or null when the log is empty: the cursor a test reads on from.</summary>
    private async Task<long?> EndAsync()
    {
        long? last = null;
        foreach (var e in await EventsAfterAsync(null))
        {
            last = (long)e["sequence"]!;
        }

        return last;
    }

    /// <summary>Every event after the cursor, following <c>next</c> page by page.</summary>
    private async Task<List<JsonObject>> EventsAfterAsync(long? after)
    {
        var events = new List<JsonObject>();
        var cursor = after;
        do
        {
            var page = (await _http.GetFromJsonAsync<JsonObject>($"/v1/feedback?limit={FeedbackApi.MaxPage}{After(cursor)}"))!;
            events.AddRange(page["events"]!.AsArray().Select(e => e!.AsObject()));
            cursor = (long?)page["next"];
        }
        while (cursor is not null);

        return events;
    }

    /// <summary>The sequence number the first event after <paramref name="end"/> gets (the log starts at 0).</summary>
    private static long First(long? end) => (end ?? -1) + 1;

    /// <summary>The query parameter that reads on after <paramref name="cursor"/>; none from the log's start.</summary>
    private static string After(long? cursor) => cursor is { } c ? $"&after={c}" : "";

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
