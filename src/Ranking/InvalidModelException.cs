namespace Matching.Ranking;

/// <summary>A model file that cannot be used, and why.</summary>
public sealed class InvalidModelException(string message, Exception? inner = null) : Exception(message, inner);
