namespace Matching.Contracts;

/// <summary>The webhooks of one tenant, keyed by the tenant. Small (at most <see cref="WebhookRules.MaxWebhooks"/>) and rarely written.</summary>
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces a webhook and tells the tenant's dispatchers; refuses a new one beyond <see cref="WebhookRules.MaxWebhooks"/>.</summary>
    /// <exception cref="ArgumentException">The registration breaks a rule of <see cref="WebhookRules"/>.</exception>
    Task<WebhookPutResult> PutAsync(string name, WebhookSpec spec);

    /// <summary>Removes a webhook; false when it was not registered.</summary>
    Task<bool> DeleteAsync(string name);

    /// <summary>Every webhook, without secrets, by name.</summary>
    Task<WebhookInfo[]> ListAsync();

    /// <summary>Every webhook with its secret, for the dispatchers.</summary>
    Task<WebhookSet> GetSetAsync();
}
