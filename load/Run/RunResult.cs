namespace Matching.Load.Run;

/// <summary>How a run ended: its exit code, and its report when it got that far.</summary>
public sealed record RunResult(int ExitCode, RunReport? Report, DirectoryInfo Out);
