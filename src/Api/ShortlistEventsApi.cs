using System.Security.Claims;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace Matching.Api;

/// <summary>
/// <c>GET /v1/{needs|offers}/{id}/shortlist/events?k=3</c> (API.md "Push"): server-sent events of one item's kept
/// shortlist. The first event is the current list (so a reconnecting EventSource needs no replay); then one event per
/// change of the top k, with the change's event id. Written by hand rather than with TypedResults.ServerSentEvents,
/// whose formatter has no comment lines for the keep-alive.
/// </summary>
public static class ShortlistEventsApi
{
    /// <summary>Largest k: the kept list's length (a longer list is not kept, so its changes are not published).</summary>
    public const int MaxK = KeptShortlist.Capacity;

    public static IServiceCollection AddShortlistEvents(this IServiceCollection services)
    {
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section)
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero, "Push:KeepAliveInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton<ShortlistHub>();
        services.AddHostedService(sp => sp.GetRequiredService<ShortlistHub>());
        return services;
    }

    public static IEndpointRouteBuilder MapShortlistEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/offers/{id}/shortlist/events", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, ShortlistHub hub, IOptions<PushOptions> push, IOptions<JsonOptions> json) =>
            ConnectAsync(ItemKinds.Offers, user.Tenant(), id, request, grains, hub, push.Value, json.Value)).WithTags("offers")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").WithQuery("k", JsonSchemaType.Integer, "Items per pushed shortlist.", 1, MaxK).WithProblems(404).AllowRoles(ApiRoles.Portal);
        app.MapGet("/v1/needs/{id}/shortlist/events", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, ShortlistHub hub, IOptions<PushOptions> push, IOptions<JsonOptions> json) =>
            ConnectAsync(ItemKinds.Needs, user.Tenant(), id, request, grains, hub, push.Value, json.Value)).WithTags("needs")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").WithQuery("k", JsonSchemaType.Integer, "Items per pushed shortlist.", 1, MaxK).WithProblems(404).AllowRoles(ApiRoles.Portal);
        return app;
    }

    private static async Task<Results<ShortlistEventStream, ValidationProblem, ProblemHttpResult>> ConnectAsync<TData, TGrain, TResponse, TShortlist>(
        ItemKind<TData, TGrain, TResponse, TShortlist> kind, string tenant, string id, HttpRequest request, IGrainFactory grains, ShortlistHub hub, PushOptions push, JsonOptions json)
        where TData : class
        where TGrain : IItemGrain<TData>
    {
        if (!ItemRules.IsValidId(id))
        {
            return Problems.InvalidId(id);
        }

        var errors = new Dictionary<string, string[]>();
        var k = ShortlistQuery.ReadK(request.Query, MaxK, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The query string is invalid.");
        }

        // Connected before the current list is read, so that no change falls between the two.
        var connection = await hub.ConnectAsync(tenant, kind.Side, id);
        Shortlist? current;
        try
        {
            current = await ClusterRetry.Idempotent(() => grains.GetGrain<TGrain>(GrainKeys.Item(tenant, id)).GetShortlistAsync(k, fresh: false));
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        if (current is null)
        {
            connection.Dispose();
            return Problems.NotFound(kind.Singular, id);
        }

        return new ShortlistEventStream(connection, current, k, s => kind.ShortlistResponse(id, s)!, push.KeepAliveInterval, json.SerializerOptions);
    }
}
