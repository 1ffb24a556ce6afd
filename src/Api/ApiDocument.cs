using Microsoft.OpenApi;

namespace Matching.Api;

/// <summary>
/// The OpenAPI 3.1 document (<c>/openapi/v1.json</c>) and its reference UI (<c>/docs</c>), generated from the
/// endpoints' typed results. Handlers read their bodies and query strings strictly themselves, so each route
/// declares here what it reads: its body's schema, its query parameters and the problem statuses it answers with.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Matching HTTP API",
                Version = "v1",
                Description = "Shortlists of technology offers for enterprise needs and of needs for offers, kept current as either side changes. "
                    + "Every error is an RFC 9457 problem document. With keys on, send `Authorization: Bearer <key>`: the key's tenant and role decide what a call may do; "
                    + "with no admin key configured (the embedded default) every call acts as tenant `default` with every role.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, cancel) =>
        {
            var problem = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancel);
            OpenApiResponse Problem(string description) => new()
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            };

            // Any call that needs the cluster can find it or its storage unreachable (API.md "Errors").
            operation.Responses ??= [];
            operation.Responses.TryAdd("503", Problem(context.Description.HttpMethod is "PUT" or "DELETE" or "POST"
                ? "The cluster or its storage is unreachable, or a write is refused while changes propagate behind their bound (Retry-After says when to retry)."
                : "The cluster or its storage is unreachable; retry later."));
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
            {
                operation.Responses.TryAdd("401", Problem("Keys are checked and the request has no live key."));
                operation.Responses.TryAdd("403", Problem("The key's role may not call this route, or a portal named another tenant."));
                operation.Responses.TryAdd("429", Problem("The key is over its rate; the Retry-After header says when to retry."));
            }
        });
        o.AddDocumentTransformer((document, _, _) =>
        {
            // API keys (README, "Keys and tenants"): every /v1 route and /metrics take a bearer key when keys are on.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer <key>`. Not checked when the API runs with no admin key (the embedded default).",
            };
            foreach (var (path, item) in document.Paths ?? [])
            {
                if (!path.StartsWith("/v1/", StringComparison.Ordinal) && path != "/metrics")
                {
                    continue;
                }

                foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
                }
            }

            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((document, _, _) =>
        {
            // Health checks are endpoints of their own kind that the generator does not see.
            document.Paths ??= [];
            document.Paths["/health/live"] = Health("The process runs.");
            document.Paths["/health/ready"] = Health("The cluster is joined, a model is loaded and storage is reachable; 503 otherwise.");
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            // Responses leave null fields out (WhenWritingNull): a nullable property is never required.
            if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
            {
                foreach (var name in required.Where(n => properties.TryGetValue(n, out var p) && p.Type is { } t && t.HasFlag(JsonSchemaType.Null)).ToArray())
                {
                    required.Remove(name);
                }
            }

            // TransferModes is a flags enum with its own converter: on the wire a set of names.
            if (context.JsonTypeInfo.Type == typeof(TransferModes))
            {
                schema.Type = JsonSchemaType.Array;
                schema.Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. TransferModeNames.All.Select(m => (System.Text.Json.Nodes.JsonNode)m.Name)],
                };
                schema.UniqueItems = true;
            }

            return Task.CompletedTask;
        });
    });

    /// <summary>The JSON body the handler reads, as <typeparamref name="T"/>'s schema.</summary>
    public static RouteHandlerBuilder WithBody<T>(this RouteHandlerBuilder route, params string[] contentTypes) where T : notnull =>
        route.Accepts<T>(contentTypes.Length == 0 ? "application/json" : contentTypes[0], contentTypes.Skip(1).ToArray());

    /// <summary>A batch body: an array of <typeparamref name="T"/>, each object with its <c>id</c>.</summary>
    public static RouteHandlerBuilder WithBatchBody<T>(this RouteHandlerBuilder route) =>
        route.Accepts<T[]>("application/json", "application/x-ndjson").AddOpenApiOperationTransformer(async (operation, context, cancel) =>
        {
            var item = await context.GetOrCreateSchemaAsync(typeof(T), null, cancel);
            var id = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "id" },
                Properties = new Dictionary<string, IOpenApiSchema> { ["id"] = IdSchema() },
            };
            var array = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 10_000, Items = new OpenApiSchema { AllOf = [item, id] } };
            foreach (var content in operation.RequestBody?.Content?.Values ?? [])
            {
                content.Schema = array;
            }
        });

    /// <summary>A query parameter the handler reads.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder route, string name, JsonSchemaType type, string description, int? min = null, int? max = null) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type, Minimum = min?.ToString(System.Globalization.CultureInfo.InvariantCulture), Maximum = max?.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
            return Task.CompletedTask;
        });

    /// <summary>The <c>k</c> and <c>fresh</c> parameters of a shortlist read.</summary>
    public static RouteHandlerBuilder WithShortlistQuery(this RouteHandlerBuilder route, bool fresh = true)
    {
        route.WithQuery("k", JsonSchemaType.Integer, "How many items, 1..50 (default 3).", 1, ShortlistQuery.MaxK);
        return fresh ? route.WithQuery("fresh", JsonSchemaType.Boolean, "Recompute from the current index instead of reading the kept list.") : route;
    }

    /// <summary>The problem documents a route answers with besides those its typed results declare.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.ProducesProblem(status);
        }

        return route;
    }

    private static OpenApiPathItem Health(string description) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Tags = new HashSet<OpenApiTagReference> { new("health") },
                Summary = description,
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Healthy", Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } } },
                    ["503"] = new OpenApiResponse { Description = "Unhealthy", Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } } },
                },
            },
        },
    };

    private static OpenApiSchema IdSchema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^[A-Za-z0-9._:-]{1,128}$",
        Description = "The caller's own id: " + ItemRules.IdMessage + ".",
    };
}
