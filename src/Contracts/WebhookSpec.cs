namespace Matching.Contracts;

/// <summary>What a caller registers under a webhook's name.</summary>
/// <param name="Url">Absolute http or https URL that receives the POSTs.</param>
/// <param name="Secret">The HMAC-SHA256 key of <c>X-Matching-Signature</c>; never returned by the API.</param>
/// <param name="Kinds">Which owners' changes are sent.</param>
[GenerateSerializer, Immutable, Alias("Matching.WebhookSpec")]
public sealed record WebhookSpec(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] WebhookKinds Kinds);
