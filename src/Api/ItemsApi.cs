using System.Text.Json;
using Matching.Contracts;

namespace Matching.Api;

/// <summary>PUT, GET, DELETE, batch import and shortlist of offers or needs (API.md, "Offers" to "Shortlists").</summary>
public static class ItemsApi
{
    /// <summary>The most items one batch call may carry.</summary>
    public const int MaxBatchItems = 10_000;

    public static RouteGroupBuilder MapItems<TData, TGrain>(this IEndpointRouteBuilder app, ItemKind<TData, TGrain> kind)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        var group = app.MapGroup($"/v1/{kind.Plural}").WithTags(kind.Plural);

        group.MapPut("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(id))
            {
                return Problems.InvalidId(id);
            }

            var (document, problem) = await JsonBody.ReadAsync(http.Request, http.Limits().MaxItemBytes);
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

                var result = await ClusterRetry.Idempotent(() => grains.GetGrain<TGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, id)).PutAsync(item));
                var body = kind.Response(result.Item);
                return result.Created ? Results.Created($"/v1/{kind.Plural}/{id}", body) : Results.Ok(body);
            }
        });

        group.MapGet("/{id}", async (string id, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(id))
            {
                return Problems.InvalidId(id);
            }

            var stored = await ClusterRetry.Idempotent(() => grains.GetGrain<TGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, id)).GetAsync());
            return stored is null ? Problems.NotFound(kind.Singular, id) : Results.Ok(kind.Response(stored));
        });

        group.MapDelete("/{id}", async (string id, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(id))
            {
                return Problems.InvalidId(id);
            }

            var deleted = await ClusterRetry.Idempotent(() => grains.GetGrain<TGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, id)).DeleteAsync());
            return deleted ? Results.NoContent() : Problems.NotFound(kind.Singular, id);
        });

        group.MapGet("/{id}/shortlist", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(id))
            {
                return Problems.InvalidId(id);
            }

            var (query, problem) = ShortlistQuery.Parse(http.Request.Query);
            if (problem is not null)
            {
                return problem;
            }

            var shortlist = await ClusterRetry.Idempotent(() => grains.GetGrain<TGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, id)).GetShortlistAsync(query.K, query.Fresh));
            return shortlist is null ? Problems.NotFound(kind.Singular, id) : Results.Ok(kind.ShortlistResponse(id, shortlist));
        });

        group.MapPost("/batch", async (HttpContext http, IGrainFactory grains) =>
        {
            var (elements, problem) = await ReadBatchAsync(http);
            if (problem is not null)
            {
                return problem;
            }

            var limits = http.Limits();
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

                if (JsonBody.SizeOf(e) > limits.MaxItemBytes)
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
            await ClusterRetry.Idempotent(() => kind.Import(grains.GetGrain<ISearchGrain>(0), GrainKeys.DefaultTenant, imported, http.RequestAborted));
            return Results.Ok(new BatchResponse(valid.Count, rejected.ToArray()));
        });

        return group;
    }

    /// <summary>
    /// A batch body: a JSON array, or NDJSON (one object a line). Each element comes back parsed or with its own
    /// parse error, so that one bad NDJSON line rejects that item only.
    /// </summary>
    private static async Task<(List<(JsonElement? Element, string? Error)>? Elements, IResult? Problem)> ReadBatchAsync(HttpContext http)
    {
        var max = http.Limits().MaxRequestBytes;
        var contentType = http.Request.ContentType;
        List<(JsonElement?, string?)> elements = [];
        if (JsonBody.IsNdJson(contentType))
        {
            var (bytes, problem) = await JsonBody.ReadBytesAsync(http.Request, max);
            if (problem is not null)
            {
                return (null, problem);
            }

            ReadOnlyMemory<byte> rest = bytes;
            while (rest.Length > 0)
            {
                var newline = rest.Span.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
                if (line.Span.Trim(" \t\r"u8).Length == 0)
                {
                    continue;
                }

                var (document, error) = JsonBody.Parse(line);
                if (document is not null)
                {
                    http.Response.RegisterForDispose(document);
                }

                elements.Add((document?.RootElement, error));
            }
        }
        else if (JsonBody.IsJson(contentType))
        {
            var (document, problem) = await JsonBody.ReadAsync(http.Request, max);
            if (problem is not null)
            {
                return (null, problem);
            }

            http.Response.RegisterForDispose(document!);
            if (document!.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, Problems.BadRequest("A batch must be a JSON array.", "Send a JSON array of objects, or application/x-ndjson with one object a line."));
            }

            elements.AddRange(document.RootElement.EnumerateArray().Select(e => ((JsonElement?)e, (string?)null)));
        }
        else
        {
            return (null, Problems.UnsupportedMediaType($"application/json or {JsonBody.NdJson}"));
        }

        if (elements.Count > MaxBatchItems)
        {
            return (null, Problems.BadRequest("Too many items.", $"A batch carries at most {MaxBatchItems} items; this one has {elements.Count}."));
        }

        return (elements, null);
    }
}
