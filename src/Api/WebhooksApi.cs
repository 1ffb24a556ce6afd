using Matching.Contracts;

namespace Matching.Api;

/// <summary>
/// <c>PUT/GET/DELETE /v1/webhooks</c> (API.md "Push"). The registry is a grain per tenant; delivery counts come from
/// the tenant's partition dispatchers, asked at once. Secrets go in and are never sent back.
/// </summary>
public static class WebhooksApi
{
    // A registration is three short fields; anything near this size is not one.
    private const long MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("webhooks");

        group.MapPut("/{name}", async (string name, HttpContext http, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(name))
            {
                return InvalidName(name);
            }

            var (document, problem) = await JsonBody.ReadAsync(http.Request, MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            using (document)
            {
                var (spec, errors) = WebhookReader.Read(document!.RootElement);
                if (spec is null)
                {
                    return Problems.Validation(errors);
                }

                var result = await grains.GetGrain<IWebhookRegistryGrain>(GrainKeys.DefaultTenant).PutAsync(name, spec);
                return result.Outcome switch
                {
                    WebhookPutOutcome.Full => TypedResults.Problem(
                        detail: $"A tenant may register at most {WebhookRules.MaxWebhooks} webhooks; delete one first.",
                        statusCode: StatusCodes.Status409Conflict, title: "Too many webhooks."),
                    WebhookPutOutcome.Created => Results.Created($"/v1/webhooks/{name}", WebhookResponse.From(result.Webhook!, null)),
                    _ => Results.Ok(WebhookResponse.From(result.Webhook!, null)),
                };
            }
        });

        group.MapGet("/", async (IGrainFactory grains) =>
        {
            var tenant = GrainKeys.DefaultTenant;
            var webhooks = await grains.GetGrain<IWebhookRegistryGrain>(tenant).ListAsync();
            if (webhooks.Length == 0)
            {
                return Results.Ok(new WebhookListResponse([]));
            }

            var partitions = await Task.WhenAll(ShortlistStreams.Keys(tenant).Select(k => grains.GetGrain<IWebhookDispatcherGrain>(k).GetStatsAsync()));
            return Results.Ok(new WebhookListResponse(webhooks.Select(w => WebhookResponse.From(w, partitions
                .Select(p => p.GetValueOrDefault(w.Name, WebhookStats.Zero))
                .Aggregate(WebhookStats.Zero, (sum, s) => sum.Add(s)))).ToArray()));
        });

        group.MapDelete("/{name}", async (string name, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(name))
            {
                return InvalidName(name);
            }

            var deleted = await grains.GetGrain<IWebhookRegistryGrain>(GrainKeys.DefaultTenant).DeleteAsync(name);
            return deleted ? Results.NoContent() : Problems.NotFound("webhook", name);
        });

        return group;
    }

    private static IResult InvalidName(string name) =>
        Problems.Validation(new Dictionary<string, string[]> { ["name"] = [ItemRules.IdMessage] }, "The webhook name is invalid.");
}
