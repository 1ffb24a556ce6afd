using System.Collections.Concurrent;
using HdrHistogram;

namespace Matching.Load.Run;

/// <summary>
/// Collects every request's outcome: latencies (microseconds, from the request's intended start) of successful
/// requests in HdrHistograms, overall and per kind, per second of intended start (for the chart) and per
/// progress interval; and counts of status codes and errors. Safe from many request tasks at once.
/// Warm-up requests go to the per-second series only, never into the summary.
/// </summary>
public sealed class Recorder
{
    /// <summary>Latencies are clamped to 10 minutes: an open-model run that falls that far behind has long missed any SLO.</summary>
    public const long HighestUs = 600_000_000;

    private readonly LongConcurrentHistogram _all = NewHistogram(3);
    private readonly LongConcurrentHistogram _sendLag = NewHistogram(3);
    private readonly ConcurrentDictionary<string, LongConcurrentHistogram> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();
    private readonly Second[] _seconds;
    private LongConcurrentHistogram _interval = NewHistogram(2);
    private long _measured;
    private long _succeeded;
    private long _failed;
    private long _warmupSent;
    private long _warmupFailed;
    private long _lastMeasuredEnd;
    private long _allSucceeded;
    private long _allFailed;

    public Recorder(int seconds)
    {
        _seconds = new Second[seconds];
        for (var i = 0; i < seconds; i++)
        {
            _seconds[i] = new Second();
        }
    }

    public long Measured => Interlocked.Read(ref _measured);

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public long WarmupSent => Interlocked.Read(ref _warmupSent);

    public long WarmupFailed => Interlocked.Read(ref _warmupFailed);

    /// <summary>Requests ended so far, warm-up included (progress lines).</summary>
    public (long Succeeded, long Failed) Ended => (Interlocked.Read(ref _allSucceeded), Interlocked.Read(ref _allFailed));

    /// <summary>Stopwatch timestamp of the last measured request's completion (0 before any).</summary>
    public long LastMeasuredEnd => Interlocked.Read(ref _lastMeasuredEnd);

    /// <summary>A request became due (sent, or refused by the in-flight cap).</summary>
    public void Due(int second, bool warmup)
    {
        if (warmup)
        {
            Interlocked.Increment(ref _warmupSent);
        }
        else
        {
            Interlocked.Increment(ref _measured);
        }

        Interlocked.Increment(ref Slot(second).Sent);
    }

    /// <summary>
    /// How late a request left its due time (the timer's granularity, the thread pool): part of every latency, so
    /// reported apart, to tell the client's share from the target's.
    /// </summary>
    public void SendLag(bool warmup, long dueTimestamp, long sentTimestamp)
    {
        if (!warmup)
        {
            _sendLag.RecordValue(ToMicroseconds(Math.Max(0, sentTimestamp - dueTimestamp)));
        }
    }

    /// <summary>A request that succeeded: latency from its intended start to its end.</summary>
    public void Success(string kind, int second, bool warmup, long dueTimestamp, long endTimestamp, int status)
    {
        var us = ToMicroseconds(endTimestamp - dueTimestamp);
        var slot = Slot(second);
        Interlocked.Increment(ref slot.Succeeded);
        Interlocked.Increment(ref _allSucceeded);
        slot.Latency.RecordValue(us);
        Volatile.Read(ref _interval).RecordValue(us);
        if (warmup)
        {
            return;
        }

        _statusCodes.AddOrUpdate(status, 1, (_, n) => n + 1);
        _all.RecordValue(us);
        _byKind.GetOrAdd(kind, _ => NewHistogram(3)).RecordValue(us);
        Interlocked.Increment(ref _succeeded);
        Later(ref _lastMeasuredEnd, endTimestamp);
    }

    /// <summary>
    /// A request that failed. <paramref name="error"/> is the status code ("404") or what went wrong without one
    /// ("timeout", "overflow", "HttpRequestException: ConnectionRefused").
    /// </summary>
    public void Failure(string kind, int second, bool warmup, long endTimestamp, string error, int? status)
    {
        Interlocked.Increment(ref Slot(second).Failed);
        Interlocked.Increment(ref _allFailed);
        if (warmup)
        {
            Interlocked.Increment(ref _warmupFailed);
            return;
        }

        if (status is int code)
        {
            _statusCodes.AddOrUpdate(code, 1, (_, n) => n + 1);
        }

        _errors.AddOrUpdate(error, 1, (_, n) => n + 1);
        _errorsByKind.AddOrUpdate(kind + " " + error, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _failed);
        Later(ref _lastMeasuredEnd, endTimestamp);
    }

    /// <summary>Latencies of the measured window's successful requests.</summary>
    public LatencyStats Latency() => new(_all);

    public LatencyStats SendLagStats() => new(_sendLag);

    public IReadOnlyDictionary<string, LatencyStats> LatencyByKind() =>
        _byKind.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new LatencyStats(p.Value));

    public IReadOnlyDictionary<string, long> Errors() => Sorted(_errors);

    public IReadOnlyDictionary<string, long> ErrorsByKind() => Sorted(_errorsByKind);

    public IReadOnlyDictionary<string, long> StatusCodes() =>
        _statusCodes.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value);

    /// <summary>The series per second of intended start: sent, succeeded, failed and latency percentiles (ms).</summary>
    public IReadOnlyList<SecondStats> PerSecond(double warmupSeconds) => _seconds.Select((s, i) => new SecondStats(
        i,
        i < warmupSeconds,
        s.Sent,
        s.Succeeded,
        s.Failed,
        s.Latency.TotalCount == 0 ? null : Ms(s.Latency.GetValueAtPercentile(50)),
        s.Latency.TotalCount == 0 ? null : Ms(s.Latency.GetValueAtPercentile(99)),
        s.Latency.TotalCount == 0 ? null : Ms(s.Latency.GetMaxValue()))).ToList();

    /// <summary>Latencies completed since the last call (progress lines), and a fresh interval.</summary>
    public LatencyStats TakeInterval() => new(Interlocked.Exchange(ref _interval, NewHistogram(2)));

    internal static double Ms(long us) => Math.Round(us / 1000.0, 3);

    private static long ToMicroseconds(long stopwatchTicks) =>
        Math.Clamp((long)Math.Round(stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency), 1, HighestUs);

    private static LongConcurrentHistogram NewHistogram(int digits) => new(1, HighestUs, digits);

    private static IReadOnlyDictionary<string, long> Sorted(ConcurrentDictionary<string, long> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);

    private static void Later(ref long field, long value)
    {
        var seen = Interlocked.Read(ref field);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref field, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    /// <summary>Requests due after the last whole second (a rate that does not divide evenly) count in the last one.</summary>
    private Second Slot(int second) => _seconds[Math.Clamp(second, 0, _seconds.Length - 1)];

    private sealed class Second
    {
        public readonly LongConcurrentHistogram Latency = NewHistogram(2);
        public long Sent;
        public long Succeeded;
        public long Failed;
    }
}
