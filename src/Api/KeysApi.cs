using Matching.Contracts.Input;

namespace Matching.Api;

/// <summary>
/// <c>POST/GET/DELETE /v1/keys</c>, for ops: a key's secret is returned once, by the call that creates it; only its
/// SHA-256 is stored. A revoked key stops working on every API process within <see cref="AuthOptions.RefreshPeriod"/>.
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/keys", async Task<Results<Created<KeyResponse>, ValidationProblem, ProblemHttpResult>> (
            HttpRequest request, IGrainFactory grains, ApiKeyCache keys, IOptions<ApiLimits> limits, TimeProvider clock) =>
        {
            var (document, problem) = await RequestBody.ReadJsonAsync(request, limits.Value.MaxKeyBytes);
            if (problem is not null)
            {
                return problem;
            }

            using (document)
            {
                if (ApiKeyReader.Read(document!.RootElement, out var errors) is not { } read)
                {
                    return Problems.Validation(errors);
                }

                var (id, secret) = ApiKeyRules.NewKey();
                var info = new ApiKeyInfo(id, read.Tenant, read.Role, read.Name, clock.GetUtcNow());
                try
                {
                    await ClusterRetry.Idempotent(() => grains.GetGrain<IApiKeyRegistryGrain>(0).CreateAsync(new ApiKeyEntry(ApiKeyRules.Hash(secret), info)));
                }
                catch (ArgumentException e)
                {
                    return Problems.Conflict("The key cannot be stored.", e.Message);
                }

                await keys.RefreshAsync();
                return TypedResults.Created($"/v1/keys/{id}", KeyResponse.From(info, secret));
            }
        }).WithTags("keys").WithBody<KeyBody>().WithProblems(409, 413, 415).AllowRoles(ApiRoles.Ops);

        app.MapGet("/v1/keys", async Task<Ok<KeyListResponse>> (IGrainFactory grains) =>
        {
            var set = await ClusterRetry.Idempotent(() => grains.GetGrain<IApiKeyRegistryGrain>(0).GetSetAsync());
            return TypedResults.Ok(new KeyListResponse([.. set.Keys.Select(k => KeyResponse.From(k.Info)).OrderBy(k => k.Tenant, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal)]));
        }).WithTags("keys").AllowRoles(ApiRoles.Ops);

        app.MapDelete("/v1/keys/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, IGrainFactory grains, ApiKeyCache keys) =>
        {
            if (!await grains.GetGrain<IApiKeyRegistryGrain>(0).RevokeAsync(id))
            {
                return Problems.NotFound("key", id.Length <= 64 ? id : id[..64]);
            }

            await keys.RefreshAsync();
            return TypedResults.NoContent();
        }).WithTags("keys").WithProblems(404).AllowRoles(ApiRoles.Ops);

        return app;
    }
}
