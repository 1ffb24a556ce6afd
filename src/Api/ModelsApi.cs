using System.Runtime.InteropServices;
using Matching.Grains;
using Matching.Ranking;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api;

/// <summary>
/// The model registry over HTTP (API.md "Models"): list the registered models, register a model file, activate a
/// version. Models belong to the cluster, not to a tenant.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", async Task<Ok<ModelListResponse>> (IGrainFactory grains) =>
        {
            var list = await Registry(grains).ListAsync();
            return TypedResults.Ok(new ModelListResponse(list.Active, list.Models.Select(ModelResponse.From).ToArray()));
        }).WithTags("models").AllowRoles(ApiRoles.DataScience);

        // Not in API.md: the address POST answers with in Location.
        app.MapGet("/v1/models/{version}", async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> (string version, IGrainFactory grains) =>
        {
            var list = await Registry(grains).ListAsync();
            return list.Models.FirstOrDefault(m => m.Version == version) is { } model
                ? TypedResults.Ok(ModelResponse.From(model))
                : NotRegistered(version);
        }).WithTags("models").WithProblems(404).AllowRoles(ApiRoles.DataScience);

        app.MapPost("/v1/models", async Task<Results<Created<RegisteredResponse>, ProblemHttpResult>> (
            HttpRequest request, IGrainFactory grains, IOptions<ApiLimits> limits) =>
        {
            var (file, _, problem) = await RequestBody.ReadAsync(request, limits.Value.MaxModelBytes, RequestBody.Zip);
            if (problem is not null)
            {
                return problem;
            }

            if (file.Length == 0)
            {
                return Problems.BadRequest("The model file is invalid.", "The body is empty: send the model file (a zip) as the body.");
            }

            // With a declared length the buffer is exactly the file: no second copy of up to the limit.
            var bytes = MemoryMarshal.TryGetArray(file, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length ? whole.Array : file.ToArray();
            var result = await Registry(grains).RegisterAsync(bytes);
            return result.Outcome switch
            {
                ModelRegisterOutcome.Registered => TypedResults.Created($"/v1/models/{Uri.EscapeDataString(result.Version!)}", new RegisteredResponse(result.Version!)),
                ModelRegisterOutcome.Duplicate => Problems.Conflict("The version exists.",
                    $"Version '{result.Version}' is already registered, and a version always means one model; train the new one with another --version."),
                _ => Problems.BadRequest("The model file is invalid.", $"The model file cannot serve: {Sentence(result.Error)}."),
            };
        }).WithTags("models").Accepts<Stream>(RequestBody.Zip).WithProblems(400, 409, 413, 415).AllowRoles(ApiRoles.DataScience);

        app.MapPost("/v1/models/{version}/activate", async Task<Results<Ok<ActiveResponse>, ProblemHttpResult>> (
            string version, IGrainFactory grains, ApiKeyCache keys, [FromServices] ModelWatcher? watcher, CancellationToken aborted) =>
        {
            if (!ModelVersions.IsValid(version) || !await Registry(grains).ActivateAsync(version))
            {
                return NotRegistered(version);
            }

            // Embedded (this process hosts a silo): answer once this silo serves the model, so that the caller's next
            // shortlist carries it. Other silos follow within their poll interval.
            if (watcher is not null)
            {
                try
                {
                    await watcher.SyncAsync(aborted);
                }
                catch (InvalidModelException e)
                {
                    return Problems.Unavailable($"'{version}' is active, but this silo could not load it ({e.Message}); it keeps trying.");
                }
            }

            // Lists scored by the previous model are recomputed by their next read anyway; the sweep rescores every
            // kept list in the background (counted in the status backlog) so that their changes are pushed too.
            // Models serve every tenant: each tenant with a key, and default, is rescored.
            foreach (var tenant in keys.Tenants)
            {
                await grains.GetGrain<ISearchGrain>(0).RefreshAllAsync(tenant);
            }

            return TypedResults.Ok(new ActiveResponse(version));
        }).WithTags("models").WithProblems(404).AllowRoles(ApiRoles.DataScience);

        return app;
    }

    /// <summary>The reason without its own final period (an inner exception's message often has one), so that one is appended.</summary>
    private static string Sentence(string? reason) => reason is null ? "no reason given" : reason.EndsWith('.') ? reason[..^1] : reason;

    private static IModelRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IModelRegistryGrain>(ModelRegistry.Key);

    private static ProblemHttpResult NotRegistered(string version) =>
        TypedResults.Problem(detail: $"No model '{Truncate(version)}' is registered.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static string Truncate(string s) => s.Length <= 128 ? s : s[..128] + "…";
}
