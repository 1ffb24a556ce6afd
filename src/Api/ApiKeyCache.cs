using System.Security.Cryptography;
using System.Text;

namespace Matching.Api;

/// <summary>
/// This process's copy of the key registry, replaced whole every <see cref="AuthOptions.RefreshPeriod"/>
/// (<see cref="ApiKeyRefresher"/>): a request costs a dictionary lookup, and a revoked key stops working here within a
/// period. An unknown key refreshes at once, at most four times a second, so that a new key works on every process.
/// </summary>
public sealed class ApiKeyCache(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MissRefresh = TimeSpan.FromMilliseconds(250);
    private readonly byte[] _admin = Encoding.ASCII.GetBytes(ApiKeyRules.Hash(options.Value.AdminKey ?? ""));
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Dictionary<string, ApiKeyInfo> _keys = new(StringComparer.Ordinal);
    private long _refreshedAt; // a timestamp of the clock; 0 until the first refresh

    /// <summary>The admin key's identity: ops, every tenant.</summary>
    public static readonly ApiKeyInfo Admin = new("admin", GrainKeys.DefaultTenant, ApiRole.Ops, "Auth:AdminKey", DateTimeOffset.UnixEpoch);

    /// <summary>What a secret is, or null when it is not a live key.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string secret)
    {
        var hash = ApiKeyRules.Hash(secret);
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), _admin))
        {
            return Admin;
        }

        if (_keys.TryGetValue(hash, out var info))
        {
            return info;
        }

        var last = Interlocked.Read(ref _refreshedAt);
        if (last != 0 && clock.GetElapsedTime(last) < MissRefresh)
        {
            return null;
        }

        await RefreshAsync();
        return _keys.GetValueOrDefault(hash);
    }

    /// <summary>Reads the registry again (after this process changed it, or on the period).</summary>
    public async Task RefreshAsync()
    {
        await _refreshing.WaitAsync();
        try
        {
            var set = await ClusterRetry.Idempotent(() => grains.GetGrain<IApiKeyRegistryGrain>(0).GetSetAsync());
            _keys = set.Keys.ToDictionary(k => k.Hash, k => k.Info, StringComparer.Ordinal);
            Interlocked.Exchange(ref _refreshedAt, clock.GetTimestamp());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Every tenant with a key, and default: the tenants a model activation rescores and ops list.</summary>
    public IEnumerable<string> Tenants =>
        _keys.Values.Select(k => k.Tenant).Append(GrainKeys.DefaultTenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
