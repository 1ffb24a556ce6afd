namespace Matching.Contracts;

/// <summary>Where shortlist changes flow inside the cluster: a few partition streams per tenant, not one per item.</summary>
public static class ShortlistStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string Provider = "shortlists";

    /// <summary>The stream namespace of shortlist changes.</summary>
    public const string Namespace = "shortlist-changes";

    /// <summary>
    /// Partition streams per tenant. One stream per item would cost a pub-sub record per item; a listener (an
    /// API process, a webhook dispatcher) subscribes to every partition of a tenant and filters by item.
    /// </summary>
    public const int Partitions = 8;

    /// <summary>The partition stream key of an item: <c>{tenant}/{n}</c>.</summary>
    public static string Key(string tenant, string itemId) => $"{tenant}/{GrainKeys.ShardOf(itemId, Partitions)}";

    /// <summary>Every partition stream key of a tenant.</summary>
    public static IEnumerable<string> Keys(string tenant) => Enumerable.Range(0, Partitions).Select(n => $"{tenant}/{n}");
}
