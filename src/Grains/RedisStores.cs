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
        RedisCalls.Guard(() => redis.GetDatabase().HashSetAsync(Key(shard), entry.Id, serializer.SerializeToArray(entry)));

    public Task DeleteAsync(string shard, string id) => RedisCalls.Guard(() => redis.GetDatabase().HashDeleteAsync(Key(shard), id));

    public async IAsyncEnumerable<IndexEntry> LoadAsync(string shard)
    {
        var fields = redis.GetDatabase().HashScanAsync(Key(shard), pageSize: 1000).GetAsyncEnumerator();
        try
        {
            while (await RedisCalls.Guard(() => fields.MoveNextAsync().AsTask()))
            {
                yield return serializer.Deserialize<IndexEntry>((byte[])fields.Current.Value!)!;
            }
        }
        finally
        {
            await fields.DisposeAsync();
        }
    }
}

/// <summary>
/// What a propagator has been asked to do and has not done yet: the ids it queued, and whether a sweep of all its
/// shard's lists (after a bulk import of the other side, or a model activation) is unfinished. A propagator
/// activated again after the loss of its silo carries them (its queue lived in that silo's memory).
/// </summary>
public interface IPropagationJournal
{
    /// <summary>Records a queued id; durable when the task completes.</summary>
    Task AddAsync(string propagator, string id);

    /// <summary>Forgets an id whose propagation is done.</summary>
    Task RemoveAsync(string propagator, string id);

    /// <summary>Records that a sweep of all lists is unfinished (true) or done (false).</summary>
    Task SetSweepAsync(string propagator, bool pending);

    /// <summary>The ids recorded and not forgotten, in no order, and whether a sweep of all lists is unfinished.</summary>
    Task<(string[] Ids, bool Sweep)> LoadAsync(string propagator);
}

/// <summary>The embedded default: a propagator lives as long as the process (kept alive), and so does its queue.</summary>
public sealed class NoPropagationJournal : IPropagationJournal
{
    public Task AddAsync(string propagator, string id) => Task.CompletedTask;

    public Task RemoveAsync(string propagator, string id) => Task.CompletedTask;

    public Task SetSweepAsync(string propagator, bool pending) => Task.CompletedTask;

    public Task<(string[] Ids, bool Sweep)> LoadAsync(string propagator) => Task.FromResult<(string[], bool)>(([], false));
}

/// <summary>
/// Cluster mode: one Redis set per propagator (<c>{service}/propagation/{propagator}</c>): SADD when an id is
/// queued, SREM when its propagation is done. An id is at most once in the set however often its item changes,
/// so the set is bounded by the items, like the queue. An unfinished sweep is the key <c>…/{propagator}:sweep</c>.
/// </summary>
public sealed class RedisPropagationJournal(IConnectionMultiplexer redis, string service) : IPropagationJournal
{
    private RedisKey Key(string propagator) => $"{service}/propagation/{propagator}";

    private RedisKey SweepKey(string propagator) => $"{service}/propagation/{propagator}:sweep";

    public Task AddAsync(string propagator, string id) => RedisCalls.Guard(() => redis.GetDatabase().SetAddAsync(Key(propagator), id));

    public Task RemoveAsync(string propagator, string id) => RedisCalls.Guard(() => redis.GetDatabase().SetRemoveAsync(Key(propagator), id));

    public Task SetSweepAsync(string propagator, bool pending) => RedisCalls.Guard(() => pending
        ? redis.GetDatabase().StringSetAsync(SweepKey(propagator), 1)
        : redis.GetDatabase().KeyDeleteAsync(SweepKey(propagator)));

    public Task<(string[] Ids, bool Sweep)> LoadAsync(string propagator) => RedisCalls.Guard(async () =>
    {
        var db = redis.GetDatabase();
        var ids = await db.SetMembersAsync(Key(propagator));
        return (ids.Select(v => v.ToString()).ToArray(), await db.KeyExistsAsync(SweepKey(propagator)));
    });
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

/// <summary>
/// Redis's exceptions have no Orleans codec: one thrown in a grain and answered to another silo or the Api became
/// a CodecNotFoundException there (a 500). They are rethrown as <see cref="OrleansException"/> with the message
/// (which the Api answers with 503), without the inner exception, which could not cross either.
/// </summary>
internal static class RedisCalls
{
    public static async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            throw new OrleansException($"Redis did not answer: {e.Message}");
        }
    }

    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            throw new OrleansException($"Redis did not answer: {e.Message}");
        }
    }
}
