namespace Matching.Contracts;

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
