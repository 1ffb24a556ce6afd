using System.Diagnostics;
using System.Text;

namespace Matching.Tests.Processes;

/// <summary>
/// One process started with <see cref="Process"/> (no shell), its standard output and error appended to a log file.
/// </summary>
public sealed class StartedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _closed;

    private StartedProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id { get; private set; }

    public bool HasExited => _process.HasExited;

    public static StartedProcess Start(string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host's own settings must not leak into the cluster (another fixture's Redis, say).
        foreach (var key in info.Environment.Keys.Where(k =>
                     k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Orleans__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Matching__", StringComparison.OrdinalIgnoreCase) || k.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
        log.WriteLine($"$ {fileName} {string.Join(' ', arguments)}  (in {workingDirectory}; {string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))})");
        var process = new Process { StartInfo = info };
        var started = new StartedProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        started.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL to this process and its descendants, by id; waits until it is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        if (!_process.WaitForExit(15_000))
        {
            throw new InvalidOperationException($"{Name} (pid {Id}) did not exit within 15 s of SIGKILL.");
        }

        Append($"[test] killed with SIGKILL at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
    }

    public string Tail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines + 1)).TrimEnd() + "\n";
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})\n";
        }
    }

    public void Dispose()
    {
        Kill();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
