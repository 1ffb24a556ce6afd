using System.Collections.Concurrent;

namespace Matching.Ranking;

/// <summary>
/// One copy of each spelling that many items hold: the terms their profiles quote and the rule reasons their
/// kept lists give ("trl 8 >= 6", "same field energy"). Without it every list held its own copies: at
/// 5,000 + 5,000 the live strings fell from 121 to 35 MB (docs/benchmarks.md, "Memory per item").
/// A plain concurrent dictionary that stops growing at <see cref="Capacity"/> spellings; beyond that a new
/// spelling is simply a copy again. CommunityToolkit's StringPool, which evicts the least used, cost 6.5% of the
/// CPU of a bulk import in its lookups (perf, docs/benchmarks.md).
/// </summary>
public static class SharedStrings
{
    /// <summary>About a million spellings: a bilingual technical vocabulary with its phrases and character bigrams.</summary>
    public const int Capacity = 1 << 20;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>The shared copy of <paramref name="value"/>, or <paramref name="value"/> itself once the pool is full.</summary>
    public static string Get(string value)
    {
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        if (Pool.TryAdd(value, value))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return Pool.TryGetValue(value, out shared) ? shared : value; // added by another thread meanwhile
    }
}
