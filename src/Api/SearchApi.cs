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

                var shortlist = await grains.GetGrain<ISearchGrain>(0).ShortlistForNeedAsync(GrainKeys.DefaultTenant, need, query.K);
                return Results.Ok(NeedShortlistResponse.From(null, shortlist));
            }
        }).WithTags("shortlists");

        app.MapGet("/v1/status", async (IGrainFactory grains) =>
        {
            var s = await grains.GetGrain<ISearchGrain>(0).GetStatusAsync(GrainKeys.DefaultTenant);
            return Results.Ok(new StatusResponse(s.Backlog, s.Offers, s.Needs, s.ShardsPerSide, s.ModelVersion));
        }).WithTags("status");

        return app;
    }
}
