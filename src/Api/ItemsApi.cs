using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Text.Json;
using Matching.Contracts.Input;

namespace Matching.Api;

/// <summary>PUT, GET, DELETE, batch import and shortlist of offers or needs (API.md, "Offers" to "Shortlists").</summary>
public static class ItemsApi
{
    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder app)
    {
        var offers = ItemKinds.Offers;
        app.MapPut("/v1/offers/{id}", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
            PutAsync(offers, user.Tenant(), id, request, grains, limits.Value)).WithTags("offers").WithBody<OfferData>().WithProblems(413, 415).AllowRoles(ApiRoles.Portal);
        app.MapGet("/v1/offers/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => GetAsync(offers, user.Tenant(), id, grains)).WithTags("offers").WithProblems(404).AllowRoles(ApiRoles.Portal, ApiRoles.DataScience);
        app.MapDelete("/v1/offers/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => DeleteAsync(offers, user.Tenant(), id, grains)).WithTags("offers").WithProblems(404).AllowRoles(ApiRoles.Portal);
        app.MapGet("/v1/offers/{id}/shortlist", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            ShortlistAsync(offers, user.Tenant(), id, request, grains)).WithTags("offers").WithShortlistQuery().WithProblems(404).AllowRoles(ApiRoles.Portal);
        app.MapPost("/v1/offers/batch", (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
            BatchAsync(offers, user.Tenant(), request, grains, limits.Value)).WithTags("offers").WithBatchBody<OfferData>().WithProblems(400, 413, 415).AllowRoles(ApiRoles.Portal);
        return app;
    }

    public static IEndpointRouteBuilder MapNeeds(this IEndpointRouteBuilder app)
    {
        var needs = ItemKinds.Needs;
        app.MapPut("/v1/needs/{id}", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
            PutAsync(needs, user.Tenant(), id, request, grains, limits.Value)).WithTags("needs").WithBody<NeedData>().WithProblems(413, 415).AllowRoles(ApiRoles.Portal);
        app.MapGet("/v1/needs/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => GetAsync(needs, user.Tenant(), id, grains)).WithTags("needs").WithProblems(404).AllowRoles(ApiRoles.Portal, ApiRoles.DataScience);
        app.MapDelete("/v1/needs/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => DeleteAsync(needs, user.Tenant(), id, grains)).WithTags("needs").WithProblems(404).AllowRoles(ApiRoles.Portal);
        app.MapGet("/v1/needs/{id}/shortlist", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            ShortlistAsync(needs, user.Tenant(), id, request, grains)).WithTags("needs").WithShortlistQuery().WithProblems(404).AllowRoles(ApiRoles.Portal);
        app.MapPost("/v1/needs/batch", (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits) =>
            BatchAsync(needs, user.Tenant(), request, grains, limits.Value)).WithTags("needs").WithBatchBody<NeedData>().WithProblems(400, 413, 415).AllowRoles(ApiRoles.Portal);
        return app;
    }

    private static async Task<Results<Created<TResponse>, Ok<TResponse>, ValidationProblem, ProblemHttpResult>> PutAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id, HttpRequest request, IGrainFactory grains, ApiLimits limits)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        if (!ItemRules.IsValidId(id))
        {
            return Problems.InvalidId(id);
        }

        var (document, problem) = await RequestBody.ReadJsonAsync(request, limits.MaxItemBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (_, item, errors) = kind.Read(document!.RootElement, ItemReader.IdRule.Forbidden);
            if (item is null)
            {
                return Problems.Validation(errors);
            }

            var result = await ClusterRetry.Idempotent(() => Grain(grains, kind, tenant, id).PutAsync(item));
            var body = kind.Response(result.Item);
            return result.Created ? TypedResults.Created($"/v1/{kind.Plural}/{id}", body) : TypedResults.Ok(body);
        }
    }

    private static async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> GetAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id, IGrainFactory grains)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        if (!ItemRules.IsValidId(id))
        {
            return Problems.InvalidId(id);
        }

        var stored = await ClusterRetry.Idempotent(() => Grain(grains, kind, tenant, id).GetAsync());
        return stored is null ? Problems.NotFound(kind.Singular, id) : TypedResults.Ok(kind.Response(stored));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id, IGrainFactory grains)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        if (!ItemRules.IsValidId(id))
        {
            return Problems.InvalidId(id);
        }

        var deleted = await ClusterRetry.Idempotent(() => Grain(grains, kind, tenant, id).DeleteAsync());
        return deleted ? TypedResults.NoContent() : Problems.NotFound(kind.Singular, id);
    }

    private static async Task<Results<Ok<TShortlist>, ValidationProblem, ProblemHttpResult>> ShortlistAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id, HttpRequest request, IGrainFactory grains)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        if (!ItemRules.IsValidId(id))
        {
            return Problems.InvalidId(id);
        }

        var (query, problem) = ShortlistQuery.Parse(request.Query);
        if (problem is not null)
        {
            return problem;
        }

        var shortlist = await ClusterRetry.Idempotent(() => Grain(grains, kind, tenant, id).GetShortlistAsync(query.K, query.Fresh));
        return shortlist is null ? Problems.NotFound(kind.Singular, id) : TypedResults.Ok(kind.ShortlistResponse(id, shortlist));
    }

    /// <summary>Reads and validates the batch; the search grain imports the valid items in one call.</summary>
    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> BatchAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, HttpRequest request, IGrainFactory grains, ApiLimits limits)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        var (elements, problem) = await ReadBatchAsync(request, limits);
        if (problem is not null)
        {
            return problem;
        }

        var rejected = new List<BatchRejection>();
        var valid = new List<BatchItem<TData>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements!.Count; i++)
        {
            var (element, parseError) = elements[i];
            if (element is not { } e)
            {
                rejected.Add(new BatchRejection(i, null, new Dictionary<string, string[]> { ["$"] = [$"not valid JSON: {parseError}"] }));
                continue;
            }

            if (JsonMarshal.GetRawUtf8Value(e).Length > limits.MaxItemBytes)
            {
                rejected.Add(new BatchRejection(i, null, new Dictionary<string, string[]> { ["$"] = [$"an item must be at most {limits.MaxItemBytes} bytes"] }));
                continue;
            }

            var (id, item, errors) = kind.Read(e, ItemReader.IdRule.Required);
            if (item is null || id is null)
            {
                rejected.Add(new BatchRejection(i, id, errors));
            }
            else if (!seen.Add(id))
            {
                rejected.Add(new BatchRejection(i, id, new Dictionary<string, string[]> { ["id"] = ["appears earlier in this batch"] }));
            }
            else
            {
                valid.Add(new BatchItem<TData>(id, item));
            }
        }

        var imported = valid.ToArray();
        await ClusterRetry.Idempotent(() => kind.Import(grains.GetGrain<ISearchGrain>(0), tenant, imported, request.HttpContext.RequestAborted));
        return TypedResults.Ok(new BatchResponse(imported.Length, [.. rejected]));
    }

    private static TGrain Grain<TData, TGrain, TResponse, TShortlist>(IGrainFactory grains, ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id)
        where TData : class
        where TGrain : IItemGrain<TData> =>
        grains.GetGrain<TGrain>(GrainKeys.Item(tenant, id));

    /// <summary>
    /// A batch body: a JSON array, or NDJSON (one object a line). Each element comes back parsed or with its own
    /// parse error, so that one bad NDJSON line rejects that item only.
    /// </summary>
    private static async Task<(List<(JsonElement? Element, string? Error)>? Elements, ProblemHttpResult? Problem)> ReadBatchAsync(HttpRequest request, ApiLimits limits)
    {
        var (bytes, media, problem) = await RequestBody.ReadAsync(request, limits.MaxRequestBytes, RequestBody.Json, RequestBody.NdJson);
        if (problem is not null)
        {
            return (null, problem);
        }

        List<(JsonElement?, string?)> elements = [];
        if (media == RequestBody.NdJson)
        {
            var rest = bytes;
            while (rest.Length > 0)
            {
                var newline = rest.Span.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
                if (line.Span.Trim(" \t\r"u8).Length == 0)
                {
                    continue;
                }

                var (document, error) = StrictJson.Parse(line);
                if (document is not null)
                {
                    request.HttpContext.Response.RegisterForDispose(document);
                }

                elements.Add((document?.RootElement, error));
            }
        }
        else
        {
            var (document, error) = StrictJson.Parse(bytes);
            if (document is null)
            {
                return (null, Problems.BadRequest("The body is not valid JSON.", error));
            }

            request.HttpContext.Response.RegisterForDispose(document);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, Problems.BadRequest("A batch must be a JSON array.", "Send a JSON array of objects, or application/x-ndjson with one object a line."));
            }

            elements.AddRange(document.RootElement.EnumerateArray().Select(e => ((JsonElement?)e, (string?)null)));
        }

        if (elements.Count > limits.MaxBatchItems)
        {
            return (null, Problems.BadRequest("Too many items.", $"A batch carries at most {limits.MaxBatchItems} items; this one has {elements.Count}."));
        }

        return (elements, null);
    }
}
