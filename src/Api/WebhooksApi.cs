using System.Net;
using System.Security.Claims;
using Matching.Contracts.Input;

namespace Matching.Api;

/// <summary>
/// <c>PUT/GET/DELETE /v1/webhooks</c> (API.md "Push"). The registry is a grain per tenant; delivery counts come from
/// the tenant's partition dispatchers, asked at once. Secrets go in and are never sent back.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/webhooks/{name}", async Task<Results<Created<WebhookResponse>, Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> (
            string name, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<ApiLimits> limits, WebhookTargetPolicy targets) =>
        {
            if (!ItemRules.IsValidId(name))
            {
                return InvalidName(name);
            }

            var (document, problem) = await RequestBody.ReadJsonAsync(request, limits.Value.MaxWebhookBytes);
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

                // SSRF: the URL must reach a public https receiver (WebhookTargetPolicy); delivery checks again.
                if (await targets.CheckAsync(new Uri(spec.Url), Dns.GetHostAddressesAsync, request.HttpContext.RequestAborted) is { } refused)
                {
                    return Problems.Validation(new Dictionary<string, string[]> { ["url"] = [refused] });
                }

                var result = await grains.GetGrain<IWebhookRegistryGrain>(user.Tenant()).PutAsync(name, spec);
                return result.Outcome switch
                {
                    WebhookPutOutcome.Full => Problems.Conflict("Too many webhooks.", $"A tenant may register at most {WebhookRules.MaxWebhooks} webhooks; delete one first."),
                    WebhookPutOutcome.Created => TypedResults.Created($"/v1/webhooks/{name}", WebhookResponse.From(result.Webhook!, null)),
                    _ => TypedResults.Ok(WebhookResponse.From(result.Webhook!, null)),
                };
            }
        }).WithTags("webhooks").WithBody<WebhookBody>().WithProblems(409, 413, 415).AllowRoles(ApiRoles.Portal);

        app.MapGet("/v1/webhooks", async Task<Ok<WebhookListResponse>> (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var tenant = user.Tenant();
            var webhooks = await grains.GetGrain<IWebhookRegistryGrain>(tenant).ListAsync();
            if (webhooks.Length == 0)
            {
                return TypedResults.Ok(new WebhookListResponse([]));
            }

            var partitions = await Task.WhenAll(ShortlistStreams.Keys(tenant).Select(k => grains.GetGrain<IWebhookDispatcherGrain>(k).GetStatsAsync()));
            return TypedResults.Ok(new WebhookListResponse(webhooks.Select(w => WebhookResponse.From(w, partitions
                .Select(p => p.GetValueOrDefault(w.Name, WebhookStats.Zero))
                .Aggregate(WebhookStats.Zero, (sum, s) => sum.Add(s)))).ToArray()));
        }).WithTags("webhooks").AllowRoles(ApiRoles.Portal);

        app.MapDelete("/v1/webhooks/{name}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (string name, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (!ItemRules.IsValidId(name))
            {
                return InvalidName(name);
            }

            var deleted = await grains.GetGrain<IWebhookRegistryGrain>(user.Tenant()).DeleteAsync(name);
            return deleted ? TypedResults.NoContent() : Problems.NotFound("webhook", name);
        }).WithTags("webhooks").WithProblems(404).AllowRoles(ApiRoles.Portal);

        return app;
    }

    private static ValidationProblem InvalidName(string name) =>
        Problems.Validation(new Dictionary<string, string[]> { ["name"] = [ItemRules.IdMessage] }, "The webhook name is invalid.");
}
