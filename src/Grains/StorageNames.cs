namespace Matching.Grains;

/// <summary>Names of the grain storage providers the silo must register.</summary>
public static class StorageNames
{
    /// <summary>Offers' and needs' records.</summary>
    public const string Items = "items";

    /// <summary>Where Orleans keeps stream subscriptions (its default name).</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>Kept shortlists, one small record per item, written only when the list changes.</summary>
    public const string Shortlists = "kept-shortlists"; // not "shortlists": pub-sub would take a storage named like the stream provider
    public const string Feedback = "feedback";

    /// <summary>The API keys' hashes (one small record for the cluster).</summary>
    public const string ApiKeys = "api-keys";

    /// <summary>Each tenant's statistics snapshot, written once per refresh.</summary>
    public const string Statistics = "statistics"; // the feedback log: each tenant's head and its segments of at most 1,000 events
}
