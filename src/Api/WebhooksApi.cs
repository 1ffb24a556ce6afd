using System.Text.Json;
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

/// <summary>Reads a webhook registration strictly: <c>url</c>, <c>secret</c> and <c>kinds</c>, nothing else, every problem at once.</summary>
public static class WebhookReader
{
    private static readonly string[] Fields = ["url", "secret", "kinds"];

    public static (WebhookSpec? Spec, Dictionary<string, string[]> Errors) Read(JsonElement json)
    {
        var body = new StrictObject(json, Fields);
        if (!body.IsObject)
        {
            return (null, body.Errors());
        }

        var url = body.Text("url", required: true);
        var secret = body.Text("secret", required: true);
        var kinds = WebhookKinds.None;
        if (!body.TryGet("kinds", out var k))
        {
            body.Add("kinds", "is required");
        }
        else if (k.ValueKind != JsonValueKind.Array)
        {
            body.Add("kinds", "must be an array of strings");
        }
        else
        {
            foreach (var item in k.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!WebhookRules.TryParseKind(name, out var kind))
                {
                    body.Add("kinds", item.ValueKind == JsonValueKind.String ? $"'{name}' is not one of need, offer" : "must be an array of strings");
                }
                else if (kinds.HasFlag(kind))
                {
                    body.Add("kinds", $"'{name}' appears more than once");
                }
                else
                {
                    kinds |= kind;
                }
            }
        }

        // Rule checks run on what could be read, so every problem is reported at once.
        var spec = new WebhookSpec(url ?? "", secret ?? "", kinds);
        foreach (var (field, messages) in WebhookRules.Validate(spec))
        {
            if (!body.HasError(field))
            {
                foreach (var message in messages)
                {
                    body.Add(field, message);
                }
            }
        }

        return body.HasErrors ? (null, body.Errors()) : (spec, []);
    }
}

/// <summary>A webhook as the API shows it: never its secret.</summary>
public sealed record WebhookResponse(string Name, string Url, string[] Kinds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, WebhookStats? Delivery)
{
    public static WebhookResponse From(WebhookInfo w, WebhookStats? delivery) =>
        new(w.Name, w.Url, WebhookRules.KindNames(w.Kinds), w.CreatedAt, w.UpdatedAt, delivery);
}

/// <summary>What GET /v1/webhooks returns.</summary>
public sealed record WebhookListResponse(WebhookResponse[] Webhooks);
