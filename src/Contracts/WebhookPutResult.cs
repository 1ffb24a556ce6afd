namespace Matching.Contracts;

/// <summary>The outcome of registering a webhook: the stored webhook, or null when <see cref="WebhookPutOutcome.Full"/>.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookPutResult")]
public sealed record WebhookPutResult(WebhookPutOutcome Outcome, WebhookInfo? Webhook);
