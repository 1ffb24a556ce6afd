using StackExchange.Redis;

namespace Matching.Grains;

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
