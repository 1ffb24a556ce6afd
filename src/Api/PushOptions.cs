namespace Matching.Api;

/// <summary>Push settings of the Api, bound from the "Push" section.</summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>How long an SSE connection may stay silent before a <c>: keep-alive</c> comment (API.md: every 15 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
