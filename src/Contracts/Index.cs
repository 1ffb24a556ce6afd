namespace Matching.Contracts;

/// <summary>The two sides of the market; each has its own index shards.</summary>
[GenerateSerializer]
public enum Side : byte
{
    /// <summary>Technology offers (supply).</summary>
    Offers = 0,
    /// <summary>Enterprise needs (demand).</summary>
    Needs = 1,
}

/// <summary>
/// The compact fields the hard rules and reasons need. For an offer <see cref="Trl"/> is its readiness and
/// <see cref="AcceptForeign"/> is unused; for a need <see cref="Trl"/> is its minimum. 0 means not stated.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.ItemFacts")]
public sealed record ItemFacts(
    [property: Id(0)] string? Domain,
    [property: Id(1)] string? Country,
    [property: Id(2)] int Trl,
    [property: Id(3)] TransferModes Modes,
    [property: Id(4)] bool AcceptForeign);

/// <summary>An item as its index shard holds it: a sparse text vector (slots ascending) plus compact facts.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexEntry")]
public sealed record IndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int[] Slots,
    [property: Id(3)] float[] Weights,
    [property: Id(4)] ItemFacts Facts);

/// <summary>A first-phase query against one side: the querying item's vector, its facts and how many to return.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexQuery")]
public sealed record IndexQuery(
    [property: Id(0)] int[] Slots,
    [property: Id(1)] float[] Weights,
    [property: Id(2)] ItemFacts Facts,
    [property: Id(3)] int Count);

/// <summary>A shard's answer for one item: its score and the shared slots that weighed most, strongest first.</summary>
[GenerateSerializer, Immutable, Alias("Matching.Candidate")]
public sealed record Candidate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] float Score,
    [property: Id(3)] int[] TopSharedSlots,
    [property: Id(4)] ItemFacts Facts);

/// <summary>Size of one shard, for status and memory accounting.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShardStats")]
public sealed record ShardStats(
    [property: Id(0)] int Items,
    [property: Id(1)] long Postings);

/// <summary>Grain keys. Every key starts with the tenant, so that isolating tenants needs no migration.</summary>
public static class GrainKeys
{
    /// <summary>The only tenant until authentication lands.</summary>
    public const string DefaultTenant = "default";

    /// <summary>An offer's or need's key: <c>{tenant}/{id}</c>.</summary>
    public static string Item(string tenant, string id) => $"{tenant}/{id}";

    /// <summary>An index shard's key: <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>.</summary>
    public static string Shard(string tenant, Side side, int shard) =>
        $"{tenant}/{(side == Side.Offers ? "offers" : "needs")}/{shard}";

    /// <summary>Splits an item key into tenant and id (ids never contain '/').</summary>
    public static (string Tenant, string Id) ParseItem(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Splits a shard key into tenant, side and shard number.</summary>
    public static (string Tenant, Side Side, int Shard) ParseShard(string key)
    {
        var parts = key.Split('/');
        return (parts[0], parts[1] == "offers" ? Side.Offers : Side.Needs, int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The shard an item lives in: a stable hash of its id (stable across processes and restarts).</summary>
    public static int ShardOf(string id, int shardCount)
    {
        // FNV-1a over UTF-16 code units: string.GetHashCode is randomized per process, which would scatter
        // an item over different shards after a restart.
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shardCount);
    }
}
