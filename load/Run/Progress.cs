using System.Diagnostics;

namespace Matching.Load.Run;

/// <summary>One line to stderr a second while a run lasts: what was due and what ended in that second, and its latency.</summary>
public static class Progress
{
    public static async Task PrintAsync(ArrivalScheduler scheduler, Recorder recorder, TimeSpan warmup, TextWriter log, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastDue = 0, lastOk = 0, lastFailed = 0;
        var last = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var seconds = Math.Max(Stopwatch.GetElapsedTime(last, now).TotalSeconds, 1e-3);
                last = now;
                var elapsed = scheduler.Start == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(scheduler.Start, now);
                var due = scheduler.Dispatched;
                var (ok, failed) = recorder.Ended;
                var interval = recorder.TakeInterval();
                var phase = elapsed < warmup ? "warm-up" : due < scheduler.Total ? "measuring" : "draining";
                await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{elapsed.TotalSeconds,5:F0} s  {phase,-9}  due {(due - lastDue) / seconds,7:N0}/s  ok {(ok - lastOk) / seconds,7:N0}/s  " +
                    $"failed {(failed - lastFailed) / seconds,5:N0}/s  in flight {scheduler.InFlight,5:N0}  " +
                    $"p50 {Ms(interval, 50),9}  p99 {Ms(interval, 99),9}  errors so far {recorder.Failed:N0}"));
                (lastDue, lastOk, lastFailed) = (due, ok, failed);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private static string Ms(LatencyStats interval, double percentile) => interval.Count == 0 ? "-" : Format.Ms(interval.AtPercentileMs(percentile));
}
