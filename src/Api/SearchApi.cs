using Matching.Contracts;

namespace Matching.Api;

/// <summary>Ad-hoc shortlists and status: work that belongs to no stored item.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/shortlist", async (HttpContext http, IGrainFactory grains) =>
        {
            var (query, queryProblem) = ShortlistQuery.Parse(http.Request.Query);
            if (queryProblem is not null)
            {
                return queryProblem;
            }

            var (document, problem) = await JsonBody.ReadAsync(http.Request, http.Limits().MaxItemBytes);
            if (problem is not null)
            {
                return problem;
            }

            using (document)
            {
                var (_, need, errors) = ItemReader.ReadNeed(document!.RootElement, ItemReader.IdRule.Forbidden);
                if (need is null)
                {
                    return Problems.Validation(errors);
                }

                var shortlist = await ClusterRetry.Idempotent(() => grains.GetGrain<ISearchGrain>(0).ShortlistForNeedAsync(GrainKeys.DefaultTenant, need, query.K));
                return Results.Ok(NeedShortlistResponse.From(null, shortlist));
            }
        }).WithTags("shortlists");

        app.MapGet("/v1/status", async (IGrainFactory grains) =>
        {
            var s = await ClusterRetry.Idempotent(() => grains.GetGrain<ISearchGrain>(0).GetStatusAsync(GrainKeys.DefaultTenant));
            return Results.Ok(new StatusResponse(s.Backlog, s.Offers, s.Needs, s.ShardsPerSide, s.ModelVersion, s.Statistics));
        }).WithTags("status");

        // Ops: compares kept shortlists with fresh computations (src/Cli `check-shortlists` reads this).
        app.MapGet("/v1/consistency", async (HttpContext http, IGrainFactory grains) =>
        {
            var errors = new Dictionary<string, string[]>();
            var sample = ShortlistQuery.ReadInt(http.Request.Query, "sample", 200, 0, 1_000_000, errors);
            var seed = ShortlistQuery.ReadInt(http.Request.Query, "seed", 1, int.MinValue, int.MaxValue, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            var r = await grains.GetGrain<ISearchGrain>(0).CheckAsync(GrainKeys.DefaultTenant, sample, seed);
            return Results.Ok(new ConsistencyResponse(r.Checked, r.Mismatched, r.BacklogBefore,
                r.Mismatches.Select(m => new MismatchResponse(m.Side == Side.Offers ? "offer" : "need", m.Id,
                    m.Kept.Select(i => new ScoredId(i.Id, i.Score)).ToArray(),
                    m.Fresh.Select(i => new ScoredId(i.Id, i.Score)).ToArray())).ToArray()));
        }).WithTags("status");

        return app;
    }
}
