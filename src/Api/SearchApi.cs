using System.Security.Claims;
using Matching.Contracts.Input;
using Microsoft.OpenApi;

namespace Matching.Api;

/// <summary>Ad-hoc shortlists and status: work that belongs to no stored item.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/shortlist", async Task<Results<Ok<NeedShortlistResponse>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
        {
            var (query, queryProblem) = ShortlistQuery.Parse(request.Query);
            if (queryProblem is not null)
            {
                return queryProblem;
            }

            var (document, problem) = await RequestBody.ReadJsonAsync(request, limits.Value.MaxItemBytes);
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

                var shortlist = await ClusterRetry.Idempotent(() => grains.GetGrain<ISearchGrain>(0).ShortlistForNeedAsync(user.Tenant(), need, query.K));
                return TypedResults.Ok(NeedShortlistResponse.From(null, shortlist));
            }
        }).WithTags("shortlists").WithBody<NeedData>().WithShortlistQuery(fresh: false).WithProblems(413, 415).AllowRoles(ApiRoles.Portal);

        // A portal's own tenant; ops name any with ?tenant= (GET /v1/tenants lists them).
        app.MapGet("/v1/status", async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> (ClaimsPrincipal user, string? tenant, IGrainFactory grains) =>
        {
            var (name, problem) = user.TenantFor(tenant);
            if (problem is not null)
            {
                return problem;
            }

            return TypedResults.Ok(await StatusAsync(grains, name));
        }).WithTags("status").AllowRoles(ApiRoles.Portal, ApiRoles.Ops);

        app.MapGet("/v1/tenants", async Task<Ok<TenantListResponse>> (ApiKeyCache keys, IGrainFactory grains) =>
        {
            var tenants = await Task.WhenAll(keys.Tenants.Select(async n => new TenantResponse(n, await StatusAsync(grains, n))));
            return TypedResults.Ok(new TenantListResponse(tenants));
        }).WithTags("status").AllowRoles(ApiRoles.Ops);

        // Ops: compares kept shortlists with fresh computations (src/Cli `check-shortlists` reads this).
        app.MapGet("/v1/consistency", async Task<Results<Ok<ConsistencyResponse>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, ClaimsPrincipal user, string? tenant, IGrainFactory grains) =>
        {
            var (name, problem) = user.TenantFor(tenant);
            if (problem is not null)
            {
                return problem;
            }

            var errors = new Dictionary<string, string[]>();
            var sample = ShortlistQuery.ReadInt(request.Query, "sample", 200, 0, 1_000_000, errors);
            var seed = ShortlistQuery.ReadInt(request.Query, "seed", 1, int.MinValue, int.MaxValue, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            var r = await grains.GetGrain<ISearchGrain>(0).CheckAsync(name, sample, seed);
            return TypedResults.Ok(new ConsistencyResponse(r.Checked, r.Mismatched, r.BacklogBefore,
                r.Mismatches.Select(m => new MismatchResponse(m.Side == Side.Offers ? "offer" : "need", m.Id,
                    m.Kept.Select(i => new ScoredId(i.Id, i.Score)).ToArray(),
                    m.Fresh.Select(i => new ScoredId(i.Id, i.Score)).ToArray())).ToArray()));
        }).WithTags("status").AllowRoles(ApiRoles.Ops)
            .WithQuery("sample", JsonSchemaType.Integer, "Kept lists compared per side (default 200; 0 compares every list).", 0, 1_000_000)
            .WithQuery("seed", JsonSchemaType.Integer, "The sample's seed (default 1).");

        return app;
    }

    private static async Task<StatusResponse> StatusAsync(IGrainFactory grains, string tenant)
    {
        var s = await ClusterRetry.Idempotent(() => grains.GetGrain<ISearchGrain>(0).GetStatusAsync(tenant));
        return new StatusResponse(s.Backlog, s.Offers, s.Needs, s.ShardsPerSide, s.ModelVersion, s.Statistics, s.Import);
    }
}
