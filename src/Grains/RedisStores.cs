using Matching.Contracts;
using Orleans.Serialization;
using StackExchange.Redis;

namespace Matching.Grains;

/// <summary>
/// What an index shard rebuilds itself from after deactivation or the loss of its silo: each item's index entry,
/// written when the item is indexed (one write costs one entry, never a rewrite of the shard).
/// </summary>
public interface IIndexEntryStore
{
    /// <summary>Stores an item's entry; the write is durable when the task completes.</summary>
    Task SaveAsync(string shard, IndexEntry entry);

    Task DeleteAsync(string shard, string id);

    /// <summary>Every entry of a shard, in no order.</summary>
    IAsyncEnumerable<IndexEntry> LoadAsync(string shard);
}

/// <summary>
/// The embedded default: shards live as long as the process (they are kept alive), and a process that ends takes
/// the in-memory items with it, so there is nothing to rebuild from and nothing is written.
/// </summary>
public sealed class NoIndexEntryStore : IIndexEntryStore
{
    public Task SaveAsync(string shard, IndexEntry entry) => Task.CompletedTask;

    public Task DeleteAsync(string shard, string id) => Task.CompletedTask;

    public async IAsyncEnumerable<IndexEntry> LoadAsync(string shard)
    {
        await Task.CompletedTask;
        yield break;
    }
}

/// <summary>
/// Cluster mode: one Redis hash per shard (<c>{service}/entries/{shard}</c>), field = item id, value = the entry in
/// Orleans' binary format. A shard reads its hash back with HSCAN when it activates.
/// </summary>
public sealed class RedisIndexEntryStore(IConnectionMultiplexer redis, Serializer serializer, string service) : IIndexEntryStore
{
    private RedisKey Key(string shard) => $"{service}/entries/{shard}";

    public Task SaveAsync(string shard, IndexEntry entry) =>
        redis.GetDatabase().HashSetAsync(Key(shard), entry.Id, serializer.SerializeToArray(entry));

    public Task DeleteAsync(string shard, string id) => redis.GetDatabase().HashDeleteAsync(Key(shard), id);

    public async IAsyncEnumerable<IndexEntry> LoadAsync(string shard)
    {
        await foreach (var field in redis.GetDatabase().HashScanAsync(Key(shard), pageSize: 1000))
        {
            yield return serializer.Deserialize<IndexEntry>((byte[])field.Value!)!;
        }
    }
}

/// <summary>
/// Cluster mode: model files and the active pointer in Redis, so that every silo reads the same registry
/// (<c>{service}/models/{version}</c> holds a file, <c>{service}/models:active</c> the active version).
/// </summary>
public sealed class RedisModelStore(IConnectionMultiplexer redis, string service) : IModelStore
{
    private RedisKey File(string version) => $"{service}/models/{version}";

    private RedisKey Versions => $"{service}/models:versions";

    private RedisKey Active => $"{service}/models:active";

    public async Task<bool> AddAsync(string version, byte[] file)
    {
        // Set only when absent: a version, once stored, always means the same model.
        var db = redis.GetDatabase();
        if (!await db.StringSetAsync(File(version), file, when: When.NotExists))
        {
            return false;
        }

        await db.SetAddAsync(Versions, version);
        return true;
    }

    public async Task<byte[]?> ReadAsync(string version) => (byte[]?)await redis.GetDatabase().StringGetAsync(File(version));

    public async Task<string[]> VersionsAsync() =>
        (await redis.GetDatabase().SetMembersAsync(Versions)).Select(v => v.ToString()).ToArray();

    public async Task<string?> GetActiveAsync() => (string?)await redis.GetDatabase().StringGetAsync(Active);

    public Task SetActiveAsync(string version) => redis.GetDatabase().StringSetAsync(Active, version);
}
