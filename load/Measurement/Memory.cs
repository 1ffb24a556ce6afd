using System.Diagnostics;
using System.Runtime;

namespace Matching.Load.Measurement;

/// <summary>Memory as the benchmark reports it: live managed bytes after a full compacting GC, and the process working set.</summary>
public static class Memory
{
    /// <summary>Collects everything collectable (large object heap included), then reads the live managed heap.</summary>
    public static long ManagedHeapAfterFullGc()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
