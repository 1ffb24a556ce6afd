using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Matching.Api;

/// <summary>Reads a request body into JSON documents, turning every way it can be wrong into a problem.</summary>
public static class JsonBody
{
    public const string NdJson = "application/x-ndjson";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16, // items are two levels deep; anything deeper is hostile, not a portal
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>The body as one JSON document, or the problem that stops it.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.UnsupportedMediaType("application/json"));
        }

        var (bytes, problem) = await ReadBytesAsync(request, maxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }

        return Parse(bytes!) is var (document, error) && document is not null
            ? (document, null)
            : (null, Problems.BadRequest("The body is not valid JSON.", error));
    }

    /// <summary>The raw body, checked for size and UTF-8.</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        // A UTF-8 byte order mark (some Windows tools write one) is not part of the JSON text.
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).StartsWith("\uFEFF"u8)
            ? buffer.ToArray()[3..]
            : buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (null, Problems.BadRequest("The body is not valid UTF-8.", "Encode the JSON body as UTF-8."));
        }

        return (bytes, null);
    }

    /// <summary>Parses one JSON text; the error says where it broke.</summary>
    public static (JsonDocument? Document, string? Error) Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return (JsonDocument.Parse(json, DocumentOptions), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }

    public static bool IsJson(string? contentType) => MediaType(contentType) is { } m && (m == "application/json" || m.EndsWith("+json", StringComparison.Ordinal));

    public static bool IsNdJson(string? contentType) => MediaType(contentType) == NdJson;

    private static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semi = contentType.IndexOf(';');
        var media = (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
        // A charset other than UTF-8 would be misread: refuse it rather than guess.
        if (semi >= 0 && contentType[(semi + 1)..].Trim() is var p && p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase) &&
            p[8..].Trim('"', ' ').ToLowerInvariant() is not ("utf-8" or "utf8"))
        {
            return null;
        }

        return media;
    }

    /// <summary>The UTF-8 size of one element of a parsed document.</summary>
    public static int SizeOf(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText());

    public static ApiLimits Limits(this HttpContext context) => context.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value;
}
