namespace Matching.Api;

/// <summary>What GET /v1/webhooks returns.</summary>
public sealed record WebhookListResponse(WebhookResponse[] Webhooks);
