namespace Matching.Tests.Http;

/// <summary>One server-sent event frame: its fields, or the comment of a comment line.</summary>
internal sealed record SseFrame(string? Event, string? Id, string? Data, string? Comment);
