using System.Globalization;
using System.Security.Claims;
using Matching.Contracts.Input;
using Microsoft.OpenApi;

namespace Matching.Api;

/// <summary>
/// <c>POST /v1/feedback</c> records what users did with a shortlisted pair, with the model version, score and
/// features the pair is served with; <c>GET /v1/feedback</c> pages through the log for training (API.md "Feedback").
/// </summary>
public static class FeedbackApi
{
    /// <summary>The largest export page, and the default: one segment of the log.</summary>
    public const int MaxPage = FeedbackLog.SegmentCapacity;

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/feedback", async Task<Results<Accepted<FeedbackEventResponse>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
        {
            var receivedAt = TimeProvider.System.GetUtcNow();
            var (document, problem) = await RequestBody.ReadJsonAsync(request, limits.Value.MaxFeedbackBytes);
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

            var tenant = user.Tenant();
            var served = await ServedAsync(grains, tenant, input);
            if (served.Problem is not null)
            {
                return served.Problem;
            }

            var e = new FeedbackEvent(input.NeedId, input.OfferId, input.Kind, (input.At ?? receivedAt).ToUniversalTime(), receivedAt, served.Pair!);
            var record = await grains.GetGrain<IFeedbackLogGrain>(FeedbackLog.Head(tenant)).AppendAsync(e);
            return TypedResults.Accepted((string?)null, FeedbackEventResponse.From(record));
        }).WithTags("feedback").WithBody<FeedbackBody>().WithProblems(404, 413, 415).AllowRoles(ApiRoles.Portal);

        app.MapGet("/v1/feedback", async Task<Results<Ok<FeedbackPageResponse>, ValidationProblem>> (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var errors = new Dictionary<string, string[]>();
            var after = ReadCursor(request.Query, errors);
            var limit = ShortlistQuery.ReadInt(request.Query, "limit", MaxPage, 1, MaxPage, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors, "The query string is invalid.");
            }

            var (records, next) = await ReadPageAsync(grains, user.Tenant(), after is { } a ? a + 1 : 0, limit);
            return TypedResults.Ok(new FeedbackPageResponse(records.Select(FeedbackEventResponse.From).ToArray(), next));
        }).WithTags("feedback").AllowRoles(ApiRoles.DataScience)
            .WithQuery("after", JsonSchemaType.Integer, "The cursor of the previous page (its `next`); from the start when absent.")
            .WithQuery("limit", JsonSchemaType.Integer, "Events per page.", 1, MaxPage);

        return app;
    }

    /// <summary>
    /// The pair as the active model serves it, or the problem that stops the event: 404 naming what is not stored.
    /// The common case costs one call; only a refused pair asks the need and the offer which of them is missing.
    /// </summary>
    private static async Task<(ServedPair? Pair, ProblemHttpResult? Problem)> ServedAsync(IGrainFactory grains, string tenant, FeedbackInput input)
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
