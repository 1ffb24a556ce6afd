namespace Matching.Load.Run;

/// <summary>The corpus cannot be used: said plainly, and the run stops before it starts.</summary>
public sealed class CorpusException(string message) : Exception(message);
