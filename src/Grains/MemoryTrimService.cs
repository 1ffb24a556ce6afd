using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Hosting;

namespace Matching.Grains;

/// <summary>
/// Once a minute, when <see cref="MemoryTrim"/> says enough items were deactivated, runs one blocking compacting
/// collection that returns free memory to the system (<see cref="GCCollectionMode.Aggressive"/>), and logs its pause.
/// </summary>
public sealed class MemoryTrimService(MemoryTrim trim, TimeProvider clock, ILogger<MemoryTrimService> log) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (trim.TakeDue())
            {
                var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
                var watch = Stopwatch.StartNew();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                trim.Trimmed(watch.Elapsed);
                log.LogInformation("Memory trimmed after idle items left: the collection paused {Ms} ms; committed {Before:N0} -> {After:N0} bytes ({Mode} GC)",
                    watch.ElapsedMilliseconds, before, GC.GetGCMemoryInfo().TotalCommittedBytes, GCSettings.IsServerGC ? "server" : "workstation");
            }
        }
    }
}
