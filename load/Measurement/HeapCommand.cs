using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Matching.Load.Measurement;

/// <summary>
/// <c>heap --pid N</c>: a running .NET process's resident set and live managed heap by type. It first has the process
/// run a full blocking GC (over EventPipe, as <c>dotnet-gcdump</c> does), then walks every object with ClrMD while
/// the process is suspended, so the counts are live objects (and whatever was allocated in between).
/// </summary>
public static class HeapCommand
{
    public static Command Create()
    {
        var pid = new Option<int>("--pid") { Description = "Process id of the .NET process to read", Required = true };
        var top = new Option<int>("--top") { Description = "Types to list, most bytes first", DefaultValueFactory = _ => 10 };
        var command = new Command("heap", "A running process's resident set and live managed heap by type (full GC first, then ClrMD)") { pid, top };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(pid);
            var resident = Process.GetProcessById(id).WorkingSet64;
            var gc = Stopwatch.StartNew();
            CollectFully(id, TimeSpan.FromMinutes(5));
            gc.Stop();
            var walk = Stopwatch.StartNew();
            var profile = Walk(id);
            var report = new
            {
                pid = id,
                residentBytesBeforeGc = resident,
                residentBytesAfterGc = Process.GetProcessById(id).WorkingSet64,
                gcSeconds = Math.Round(gc.Elapsed.TotalSeconds, 1),
                walkSeconds = Math.Round(walk.Elapsed.TotalSeconds, 1),
                objects = profile.Objects,
                managedBytes = profile.Bytes,
                top = profile.Top(parse.GetValue(top)),
            };
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions
            {
                WriteIndented = true,
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // type names keep their angle brackets
            }));
            return 0;
        });
        return command;
    }

    /// <summary>Asks the runtime for a full blocking GC (the GCHeapCollect keyword) and returns once it has ended.</summary>
    private static void CollectFully(int pid, TimeSpan deadline)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords), requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var induced = -1;
        var ended = false;
        source.Clr.GCStart += e =>
        {
            if (e.Reason == GCReason.Induced && e.Depth == 2)
            {
                induced = e.Count;
            }
        };
        source.Clr.GCStop += e =>
        {
            if (e.Count == induced)
            {
                ended = true;
                session.Stop();
            }
        };
        var reading = Task.Run(source.Process);
        if (!reading.Wait(deadline) || !ended)
        {
            throw new TimeoutException($"The full GC of process {pid} did not end within {deadline}.");
        }
    }

    private static HeapProfile Walk(int pid)
    {
        using var target = DataTarget.AttachToProcess(pid, suspend: true);
        var clr = target.ClrVersions[0];
        // The DAC ships beside the target's runtime; on Linux ClrMD neither looks there nor reads the runtime's version.
        var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
        var profile = new HeapProfile();
        foreach (var item in runtime.Heap.EnumerateObjects())
        {
            if (item.IsValid && !item.IsFree)
            {
                profile.Add(item.Type?.Name ?? "(unknown)", (long)item.Size);
            }
        }

        return profile;
    }
}
