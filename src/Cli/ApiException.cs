namespace Matching.Cli;

/// <summary>The API answered, but not with what the command needs.</summary>
public sealed class ApiException(string message) : Exception(message);
