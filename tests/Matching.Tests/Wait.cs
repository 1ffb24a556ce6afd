namespace Matching.Tests;

/// <summary>The tests' one way to wait: poll a condition until it holds, and fail at a deadline saying what did not happen.</summary>
internal static class Wait
{
    /// <summary>How long a test waits for something the system does in the background, unless it says otherwise.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; at the deadline fails with <paramref name="failure"/>, read then.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> failure, TimeSpan? deadline = null, TimeSpan? poll = null)
    {
        var limit = deadline ?? Deadline;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{failure()} (waited {limit.TotalSeconds:0} s)");
            }

            await Task.Delay(poll ?? Poll);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string failure, TimeSpan? deadline = null, TimeSpan? poll = null) =>
        UntilAsync(() => Task.FromResult(condition()), () => failure, deadline, poll);

    /// <summary>Reads until the value read meets <paramref name="condition"/>, and returns it.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string failure, TimeSpan? deadline = null)
    {
        var value = default(T)!;
        await UntilAsync(async () => condition(value = await read()), () => failure, deadline);
        return value;
    }
}
