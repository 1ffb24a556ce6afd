using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>
/// Delivers one partition stream's shortlist changes (<see cref="ShortlistStreams.Key"/>) to the tenant's webhooks.
/// Keyed by the partition stream key; activated by the stream itself (an implicit subscription).
/// </summary>
public interface IWebhookDispatcherGrain : IGrainWithStringKey
{
    /// <summary>The registry's latest set of webhooks; an older version than the one held is ignored.</summary>
    [OneWay]
    Task UpdateAsync(WebhookSet set);

    /// <summary>Delivery counts of this partition, by webhook name.</summary>
    Task<Dictionary<string, WebhookStats>> GetStatsAsync();
}
