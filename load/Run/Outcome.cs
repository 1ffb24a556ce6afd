using System.Diagnostics;

namespace Matching.Load.Run;

/// <summary>How a request came out: when it ended, its status code if it got one, and an error (null: success).</summary>
public readonly record struct Outcome(long EndTimestamp, int? Status, string? Error)
{
    public static Outcome Ok(int status) => new(Stopwatch.GetTimestamp(), status, null);

    public static Outcome Failed(int? status, string error) => new(Stopwatch.GetTimestamp(), status, error);
}
