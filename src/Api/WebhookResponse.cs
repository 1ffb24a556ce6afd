namespace Matching.Api;

/// <summary>A webhook as the API shows it: never its secret.</summary>
public sealed record WebhookResponse(string Name, string Url, string[] Kinds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, WebhookStats? Delivery)
{
    public static WebhookResponse From(WebhookInfo w, WebhookStats? delivery) =>
        new(w.Name, w.Url, WebhookRules.KindNames(w.Kinds), w.CreatedAt, w.UpdatedAt, delivery);
}
