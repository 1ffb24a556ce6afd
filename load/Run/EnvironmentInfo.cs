using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Matching.Load.Run;

/// <summary>Where a number was measured: without it a latency means little a month later.</summary>
public sealed record EnvironmentInfo(
    string? GitCommit,
    bool? GitDirty,
    string Machine,
    int Cores,
    long MemoryBytes,
    string Os,
    string Architecture,
    string Dotnet,
    bool ServerGc)
{
    public static EnvironmentInfo Capture()
    {
        var commit = Git("rev-parse HEAD");
        return new EnvironmentInfo(
            commit,
            commit is null ? null : Git("status --porcelain --untracked-files=no") is { Length: > 0 },
            Environment.MachineName,
            Environment.ProcessorCount,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture.ToString(),
            RuntimeInformation.FrameworkDescription,
            System.Runtime.GCSettings.IsServerGC);
    }

    /// <summary>The load tool's own checkout (the working directory's); null when git or a repository is not there.</summary>
    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.HasExited && git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on the machine
        }
    }
}
