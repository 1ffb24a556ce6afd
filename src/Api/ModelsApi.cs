using Matching.Contracts;
using Matching.Grains;
using Matching.Ranking;
using Microsoft.AspNetCore.Http.Features;

namespace Matching.Api;

/// <summary>
/// The model registry over HTTP (API.md "Models"): list the registered models, register a model file, activate a
/// version. Models belong to the cluster, not to a tenant.
/// </summary>
public static class ModelsApi
{
    /// <summary>Configuration key of the largest model file accepted, in bytes.</summary>
    public const string MaxFileBytesKey = "Models:MaxFileBytes";

    /// <summary>A trained model is a few megabytes; this leaves room for large ensembles.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var maxFileBytes = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(MaxFileBytesKey, DefaultMaxFileBytes);
        if (maxFileBytes is <= 0 or > int.MaxValue)
        {
            throw new InvalidOperationException($"{MaxFileBytesKey} must be 1 to {int.MaxValue} bytes");
        }

        var group = app.MapGroup("/v1/models").WithTags("models");

        group.MapGet("/", async (IGrainFactory grains) =>
        {
            var list = await Registry(grains).ListAsync();
            return Results.Ok(new ModelListResponse(list.Active, list.Models.Select(ModelResponse.From).ToArray()));
        });

        // Not in API.md: the address POST answers with in Location.
        group.MapGet("/{version}", async (string version, IGrainFactory grains) =>
        {
            var list = await Registry(grains).ListAsync();
            return list.Models.FirstOrDefault(m => m.Version == version) is { } model
                ? Results.Ok(ModelResponse.From(model))
                : NotRegistered(version);
        });

        group.MapPost("/", async (HttpContext http, IGrainFactory grains) =>
        {
            if (!IsZip(http.Request.ContentType))
            {
                return TypedResults.Problem(detail: "Send the model file as the body with Content-Type application/zip.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");
            }

            var (file, problem) = await ReadFileAsync(http, maxFileBytes);
            if (problem is not null)
            {
                return problem;
            }

            var result = await Registry(grains).RegisterAsync(file!);
            return result.Outcome switch
            {
                ModelRegisterOutcome.Registered => Results.Created($"/v1/models/{Uri.EscapeDataString(result.Version!)}", new RegisteredResponse(result.Version!)),
                ModelRegisterOutcome.Duplicate => TypedResults.Problem(
                    detail: $"Version '{result.Version}' is already registered, and a version always means one model; train the new one with another --version.",
                    statusCode: StatusCodes.Status409Conflict, title: "The version exists."),
                _ => Problems.BadRequest("The model file is invalid.", $"The model file cannot serve: {Sentence(result.Error)}."),
            };
        });

        group.MapPost("/{version}/activate", async (string version, HttpContext http, IGrainFactory grains) =>
        {
            if (!ModelVersions.IsValid(version) || !await Registry(grains).ActivateAsync(version))
            {
                return NotRegistered(version);
            }

            // Embedded (this process hosts a silo): answer once this silo serves the model, so that the caller's next
            // shortlist carries it. Other silos follow within their poll interval.
            if (http.RequestServices.GetService<ModelWatcher>() is { } watcher)
            {
                try
                {
                    await watcher.SyncAsync(http.RequestAborted);
                }
                catch (InvalidModelException e)
                {
                    return Problems.Unavailable($"'{version}' is active, but this silo could not load it ({e.Message}); it keeps trying.");
                }
            }

            // Lists scored by the previous model are recomputed by their next read anyway; the sweep rescores every
            // kept list in the background (counted in the status backlog) so that their changes are pushed too.
            await grains.GetGrain<ISearchGrain>(0).RefreshAllAsync(GrainKeys.DefaultTenant);
            return Results.Ok(new ActiveResponse(version));
        });

        return app;
    }

    /// <summary>The reason without its own final period (an inner exception's message often has one), so that one is appended.</summary>
    private static string Sentence(string? reason) => reason is null ? "no reason given" : reason.EndsWith('.') ? reason[..^1] : reason;

    private static IModelRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IModelRegistryGrain>(ModelRegistry.Key);

    private static IResult NotRegistered(string version) =>
        TypedResults.Problem(detail: $"No model '{Truncate(version)}' is registered.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static string Truncate(string s) => s.Length <= 128 ? s : s[..128] + "…";

    /// <summary>application/zip, with or without parameters (some tools add one).</summary>
    private static bool IsZip(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The body, at most <paramref name="maxBytes"/>. Kestrel's limit for every request is the much smaller
    /// Limits:MaxRequestBytes, so it is raised for this request first; the count while reading is the limit that
    /// holds everywhere (the test server enforces none).
    /// </summary>
    private static async Task<(byte[]? File, IResult? Problem)> ReadFileAsync(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 0);
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, Problems.TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(maxBytes)); // Kestrel counted first: the same answer
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.BadRequest("The model file is invalid.", "The body is empty: send the model file (a zip) as the body."));
        }

        // With a declared length the buffer is exactly the file: no second copy of up to the limit.
        return (buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray(), null);
    }
}
