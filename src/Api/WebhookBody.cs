using System.ComponentModel;

namespace Matching.Api;

/// <summary>The body of <c>PUT /v1/webhooks/{name}</c> as the OpenAPI document shows it; <c>WebhookReader</c> reads it.</summary>
public sealed record WebhookBody(
    [property: Description("An absolute http or https URL that changes are POSTed to.")] string Url,
    [property: Description("The HMAC-SHA256 key of X-Matching-Signature; never returned.")] string Secret,
    [property: Description("need, offer or both: whose shortlist changes are sent.")] string[] Kinds);
