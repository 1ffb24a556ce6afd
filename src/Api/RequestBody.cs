using System.Text.Json;
using Matching.Contracts.Input;
using Microsoft.AspNetCore.Http.Features;

namespace Matching.Api;

/// <summary>
/// Reads a request body, checked in one place: its media type (415), its size whether or not it declared one (413),
/// and for JSON its encoding (400). Every endpoint with a body reads it through here.
/// </summary>
public static class RequestBody
{
    public const string Json = "application/json";

    public const string NdJson = "application/x-ndjson";

    public const string Zip = "application/zip";

    /// <summary>
    /// The body of one of the <paramref name="accepted"/> media types, at most <paramref name="maxBytes"/>, and the
    /// media type it was sent as. JSON and NDJSON must be UTF-8; a byte order mark (some Windows tools write one) is dropped.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, string? MediaType, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, long maxBytes, params string[] accepted)
    {
        var media = accepted.FirstOrDefault(a => Accepts(a, request.ContentType));
        if (media is null)
        {
            return (default, null, Problems.UnsupportedMediaType(accepted));
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, media, Problems.TooLarge(maxBytes));
        }

        // Kestrel counts too (its limit would otherwise be the server-wide one): whichever stops first, the same answer.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (default, media, Problems.TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, media, Problems.TooLarge(maxBytes));
        }

        ReadOnlyMemory<byte> bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (media == Zip)
        {
            return (bytes, media, null);
        }

        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return System.Text.Unicode.Utf8.IsValid(bytes.Span)
            ? (bytes, media, null)
            : (default, media, Problems.BadRequest("The body is not valid UTF-8.", "Encode the JSON body as UTF-8."));
    }

    /// <summary>The body as one strict JSON document (<see cref="StrictJson"/>), or the problem that stops it.</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, long maxBytes)
    {
        var (bytes, _, problem) = await ReadAsync(request, maxBytes, Json);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (document, error) = StrictJson.Parse(bytes);
        return document is not null ? (document, null) : (null, Problems.BadRequest("The body is not valid JSON.", error));
    }

    /// <summary>
    /// Whether the Content-Type is <paramref name="media"/> (for JSON, any <c>+json</c> type too). A text type with a
    /// charset other than UTF-8 would be misread: it is refused rather than guessed.
    /// </summary>
    private static bool Accepts(string media, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semi = contentType.IndexOf(';');
        var type = (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
        if (media == Zip)
        {
            return type == Zip;
        }

        if (semi >= 0 && contentType[(semi + 1)..].Trim() is var p && p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase) &&
            p[8..].Trim('"', ' ').ToLowerInvariant() is not ("utf-8" or "utf8"))
        {
            return false;
        }

        return media == Json ? type == Json || type.EndsWith("+json", StringComparison.Ordinal) : type == media;
    }
}
