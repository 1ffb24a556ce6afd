using StackExchange.Redis;

namespace Matching.Grains;

/// <summary>
/// Cluster mode: model files and the active pointer in Redis, so that every silo reads the same registry
/// (<c>{service}/models/{version}</c> holds a file, <c>{service}/models:active</c> the active version).
/// </summary>
public sealed class RedisModelStore(IConnectionMultiplexer redis, string service) : IModelStore
{
    private RedisKey File(string version) => $"{service}/models/{version}";

    private RedisKey Versions => $"{service}/models:versions";

    private RedisKey Active => $"{service}/models:active";

    public Task<bool> AddAsync(string version, byte[] file) => RedisCalls.Guard(async () =>
    {
        // Set only when absent: a version, once stored, always means the same model.
        var db = redis.GetDatabase();
        if (!await db.StringSetAsync(File(version), file, when: When.NotExists))
        {
            return false;
        }

        await db.SetAddAsync(Versions, version);
        return true;
    });

    public Task<byte[]?> ReadAsync(string version) =>
        RedisCalls.Guard(async () => (byte[]?)await redis.GetDatabase().StringGetAsync(File(version)));

    public Task<string[]> VersionsAsync() =>
        RedisCalls.Guard(async () => (await redis.GetDatabase().SetMembersAsync(Versions)).Select(v => v.ToString()).ToArray());

    public Task<string?> GetActiveAsync() => RedisCalls.Guard(async () => (string?)await redis.GetDatabase().StringGetAsync(Active));

    public Task SetActiveAsync(string version) => RedisCalls.Guard(() => redis.GetDatabase().StringSetAsync(Active, version));
}
