namespace Matching.Load.Run;

/// <summary>The target cannot be used for the run (unreachable, refusing the corpus).</summary>
public sealed class TargetException(string message) : Exception(message);
