using Orleans.Serialization;
using StackExchange.Redis;

namespace Matching.Grains;

/// <summary>
/// Cluster mode: one Redis hash per shard (<c>{service}/entries/{shard}</c>), field = item id, value = the entry in
/// Orleans' binary format. A shard reads its hash back with HSCAN when it activates (older entries are converted).
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
                var bytes = (byte[])fields.Current.Value!;
                var entry = serializer.Deserialize<IndexEntry>(bytes)!;
                // An entry written before the profile was one type has none, and one written while its weights were
                // floats has none of them: their parts are under their old ids.
                yield return entry.Text is null ? serializer.Deserialize<IndexEntryV1>(bytes)!.Current()
                    : entry.Text.Weights is null ? serializer.Deserialize<IndexEntryV2>(bytes)!.Current()
                    : entry;
            }
        }
        finally
        {
            await fields.DisposeAsync();
        }
    }
}
