using CommunityToolkit.HighPerformance.Buffers;

namespace Matching.Ranking;

/// <summary>
/// One copy of each spelling that many items hold: the terms their profiles quote and the rule reasons their
/// kept lists give ("trl 8 >= 6", "same field energy"). Without it every list held its own copies: at
/// 5,000 + 5,000 the live strings fell from 121 to 35 MB (docs/benchmarks.md, "Memory per item"). Bounded,
/// least frequently used first out: a spelling it has let go of is simply a copy again.
/// </summary>
public static class SharedStrings
{
    // About a million spellings: a bilingual technical vocabulary with its phrases and character bigrams.
    private static readonly StringPool Pool = new(1 << 20);

    /// <summary>The shared copy of <paramref name="value"/>.</summary>
    public static string Get(string value) => Pool.GetOrAdd(value);
}
