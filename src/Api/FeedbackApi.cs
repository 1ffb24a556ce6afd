using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Matching.Contracts;

namespace Matching.Api;

/// <summary>
/// <c>POST /v1/feedback</c> records what users did with a shortlisted pair, with the model version, score and
/// features the pair is served with; <c>GET /v1/feedback</c> pages through the log for training (API.md "Feedback").
/// </summary>
public static class FeedbackApi
{
    /// <summary>The largest export page, and the default: one segment of the log.</summary>
    public const int MaxPage = FeedbackLog.SegmentCapacity;

    // An event is four short fields; anything near this size is not one.
    private const long MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/feedback").WithTags("feedback");

        group.MapPost("/", async (HttpContext http, IGrainFactory grains) =>
        {
            var receivedAt = TimeProvider.System.GetUtcNow();
            var (document, problem) = await JsonBody.ReadAsync(http.Request, MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            FeedbackInput input;
            using (document)
            {
                var (read, errors) = FeedbackReader.Read(document!.RootElement);
                if (read is null)
                {
                    return Problems.Validation(errors);
                }

                input = read;
            }

            var tenant = GrainKeys.DefaultTenant;
            var served = await ServedAsync(grains, tenant, input);
            if (served.Problem is not null)
            {
                return served.Problem;
            }

            var e = new FeedbackEvent(input.NeedId, input.OfferId, input.Kind, (input.At ?? receivedAt).ToUniversalTime(), receivedAt, served.Pair!);
            var record = await grains.GetGrain<IFeedbackLogGrain>(FeedbackLog.Head(tenant)).AppendAsync(e);
            return Results.Accepted(null, FeedbackEventResponse.From(record));
        });

        group.MapGet("/", async (HttpContext http, IGrainFactory grains) =>
        {
            var errors = new Dictionary<string, string[]>();
            var after = ReadCursor(http.Request.Query, errors);
            var limit = ShortlistQuery.ReadInt(http.Request.Query, "limit", MaxPage, 1, MaxPage, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors, "The query string is invalid.");
            }

            var (records, next) = await ReadPageAsync(grains, GrainKeys.DefaultTenant, after is { } a ? a + 1 : 0, limit);
            return Results.Ok(new FeedbackPageResponse(records.Select(FeedbackEventResponse.From).ToArray(), next));
        });

        return app;
    }

    /// <summary>
    /// The pair as the active model serves it, or the problem that stops the event: 404 naming what is not stored.
    /// The common case costs one call; only a refused pair asks the need and the offer which of them is missing.
    /// </summary>
    private static async Task<(ServedPair? Pair, IResult? Problem)> ServedAsync(IGrainFactory grains, string tenant, FeedbackInput input)
    {
        var search = grains.GetGrain<ISearchGrain>(0);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await search.PairAsync(tenant, input.NeedId, input.OfferId) is { } pair)
            {
                return (pair, null);
            }

            var need = grains.GetGrain<INeedGrain>(GrainKeys.Item(tenant, input.NeedId)).GetAsync();
            var offer = grains.GetGrain<IOfferGrain>(GrainKeys.Item(tenant, input.OfferId)).GetAsync();
            var (needStored, offerStored) = (await need is not null, await offer is not null);
            switch (needStored, offerStored)
            {
                case (false, false):
                    return (null, TypedResults.Problem(
                        detail: $"No need '{input.NeedId}' and no offer '{input.OfferId}' is stored.",
                        statusCode: StatusCodes.Status404NotFound, title: "Not found."));
                case (false, true):
                    return (null, Problems.NotFound("need", input.NeedId));
                case (true, false):
                    return (null, Problems.NotFound("offer", input.OfferId));
            }

            // Both are stored now: one of them was written between the two reads. Ask once more.
        }

        return (null, Problems.Unavailable("The need or the offer changed while the feedback was recorded; retry."));
    }

    /// <summary>
    /// Up to <paramref name="limit"/> records from sequence <paramref name="start"/> on, and the cursor of the next
    /// page: null once the end of the log was reached. Reads one more record than asked, so that a page that ends
    /// exactly at the end of the log says so. Never reads past the head's current segment, so that no cursor
    /// activates segments that do not exist.
    /// </summary>
    private static async Task<(FeedbackRecord[] Records, long? Next)> ReadPageAsync(IGrainFactory grains, string tenant, long start, int limit)
    {
        var current = await grains.GetGrain<IFeedbackLogGrain>(FeedbackLog.Head(tenant)).GetCurrentSegmentAsync();
        var records = new List<FeedbackRecord>(Math.Min(limit + 1, 64));
        var (segment, index) = FeedbackLog.Locate(start);
        var atEnd = false;
        while (records.Count <= limit && segment <= current)
        {
            var batch = await grains.GetGrain<IFeedbackSegmentGrain>(FeedbackLog.Segment(tenant, segment)).ReadAsync(index, limit + 1 - records.Count);
            records.AddRange(batch);
            if (index + batch.Length < FeedbackLog.SegmentCapacity && records.Count <= limit)
            {
                atEnd = true; // a segment that is not full is the last one
                break;
            }

            (segment, index) = (segment + 1, 0);
        }

        if (records.Count > limit)
        {
            return (records.GetRange(0, limit).ToArray(), records[limit - 1].Sequence);
        }

        // Stopped at the head's current segment, which was full when read: it may have moved on since, so the
        // caller is told to ask again from the last record rather than that the log ended.
        return atEnd || records.Count == 0 ? (records.ToArray(), null) : (records.ToArray(), records[^1].Sequence);
    }

    /// <summary>The <c>after</c> cursor: absent (from the start) or one sequence number, 0 or more.</summary>
    private static long? ReadCursor(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue("after", out var values))
        {
            return null;
        }

        // Below long.MaxValue, so that the next sequence number after it exists.
        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var after) && after < long.MaxValue)
        {
            return after;
        }

        errors["after"] = ["must be one sequence number (an integer, 0 or more) from a previous page's next"];
        return null;
    }
}

/// <summary>A feedback body as read: ids, kind and the caller's time if it gave one.</summary>
public sealed record FeedbackInput(string NeedId, string OfferId, FeedbackKind Kind, DateTimeOffset? At);

/// <summary>Reads a feedback body strictly: <c>needId</c>, <c>offerId</c>, <c>event</c>, <c>at</c>, nothing else, every problem at once.</summary>
public static partial class FeedbackReader
{
    private static readonly string[] Fields = ["needId", "offerId", "event", "at"];

    /// <summary>
    /// ISO 8601 date and time with an offset (<c>Z</c> or <c>±hh:mm</c>). A time without one would be read in the
    /// server's zone, which the caller cannot know.
    /// </summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Timestamp();

    public static (FeedbackInput? Input, Dictionary<string, string[]> Errors) Read(JsonElement json)
    {
        var body = new StrictObject(json, Fields);
        if (!body.IsObject)
        {
            return (null, body.Errors());
        }

        string? Id(string name)
        {
            var id = body.Text(name, required: true);
            if (id is not null && !ItemRules.IsValidId(id))
            {
                body.Add(name, ItemRules.IdMessage);
                return null;
            }

            return id;
        }

        var needId = Id("needId");
        var offerId = Id("offerId");

        FeedbackKind? kind = null;
        if (body.Text("event", required: true) is { } name)
        {
            if (FeedbackKinds.TryParse(name, out var k))
            {
                kind = k;
            }
            else
            {
                body.Add("event", $"must be one of {string.Join(", ", FeedbackKinds.Names)}");
            }
        }

        DateTimeOffset? at = null;
        if (body.Text("at", required: false) is { } text)
        {
            at = ParseTimestamp(text);
            if (at is null)
            {
                body.Add("at", "must be an ISO 8601 date and time with an offset, e.g. 2026-03-01T09:30:00+08:00 or 2026-03-01T01:30:00Z");
            }
        }

        return body.HasErrors || needId is null || offerId is null || kind is null
            ? (null, body.Errors())
            : (new FeedbackInput(needId, offerId, kind.Value, at), []);
    }

    private static DateTimeOffset? ParseTimestamp(string text)
    {
        if (!Timestamp().IsMatch(text))
        {
            return null;
        }

        // The pattern fixes the shape; this checks the values (month 13, 25 o'clock) and that the instant exists
        // (0001-01-01T00:00:00+01:00 is before the first representable one).
        try
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>One recorded event as the API shows it: the features as an object of name to value.</summary>
public sealed record FeedbackEventResponse(
    long Sequence, string NeedId, string OfferId, string Event, DateTimeOffset At, DateTimeOffset ReceivedAt,
    string ModelVersion, double? Score, Dictionary<string, float?> Features)
{
    public static FeedbackEventResponse From(FeedbackRecord r)
    {
        var served = r.Event.Served;
        // A value JSON cannot carry (NaN, infinity) is written as null rather than failing the whole page.
        var features = new Dictionary<string, float?>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(served.FeatureNames.Length, served.Features.Length); i++)
        {
            features[served.FeatureNames[i]] = float.IsFinite(served.Features[i]) ? served.Features[i] : null;
        }

        return new FeedbackEventResponse(
            r.Sequence, r.Event.NeedId, r.Event.OfferId, FeedbackKinds.Name(r.Event.Kind), r.Event.At, r.Event.ReceivedAt,
            served.ModelVersion, double.IsFinite(served.Score) ? served.Score : null, features);
    }
}

/// <summary>
/// A page of the feedback log. <c>next</c> is the <c>after</c> of the following page, or null at the end of the
/// log; it is written even when null (the API leaves other null fields out).
/// </summary>
public sealed record FeedbackPageResponse(
    FeedbackEventResponse[] Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Next);
