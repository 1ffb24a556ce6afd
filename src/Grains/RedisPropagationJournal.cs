using StackExchange.Redis;

namespace Matching.Grains;

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
