using System.Text.Json;

namespace Matching.Contracts.Input;

/// <summary>Parses JSON text as every reader of input does: no comments, no trailing commas, at most 16 levels deep.</summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 16, // items are two levels deep; anything deeper is hostile, not a portal
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Parses one JSON text; the error says where it broke.</summary>
    public static (JsonDocument? Document, string? Error) Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return (JsonDocument.Parse(json, Options), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }
}
