using System.ComponentModel;

namespace Matching.Api;

/// <summary>The body of <c>POST /v1/feedback</c> as the OpenAPI document shows it; <c>FeedbackReader</c> reads it.</summary>
public sealed record FeedbackBody(
    string NeedId,
    string OfferId,
    [property: Description("shown, clicked, contacted, deal or rejected")] string Event,
    [property: Description("When it happened (ISO 8601); the time received when absent.")] DateTimeOffset? At);
