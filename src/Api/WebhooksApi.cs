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
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, new Dictionary<string, string[]> { ["$"] = ["must be a JSON object"] });
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
            {
                Add(property.Name, "appears more than once");
            }
            else if (!Fields.Contains(property.Name))
            {
                Add(property.Name, "is not a known field");
            }
        }

        string? Text(string name)
        {
            if (!fields.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                Add(name, "is required");
                return null;
            }

            if (e.ValueKind != JsonValueKind.String)
            {
                Add(name, "must be a string");
                return null;
            }

            try
            {
                return e.GetString();
            }
            catch (InvalidOperationException)
            {
                Add(name, "must be valid Unicode text"); // an escaped lone surrogate
                return null;
            }
        }

        var url = Text("url");
        var secret = Text("secret");
        var kinds = WebhookKinds.None;
        if (!fields.TryGetValue("kinds", out var k) || k.ValueKind == JsonValueKind.Null)
        {
            Add("kinds", "is required");
        }
        else if (k.ValueKind != JsonValueKind.Array)
        {
            Add("kinds", "must be an array of strings");
        }
        else
        {
            foreach (var item in k.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!WebhookRules.TryParseKind(name, out var kind))
                {
                    Add("kinds", item.ValueKind == JsonValueKind.String ? $"'{name}' is not one of need, offer" : "must be an array of strings");
                }
                else if (kinds.HasFlag(kind))
                {
                    Add("kinds", $"'{name}' appears more than once");
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
            if (!errors.ContainsKey(field))
            {
                errors[field] = [.. messages];
            }
        }

        return errors.Count > 0
            ? (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            : (spec, []);
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
