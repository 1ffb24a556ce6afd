namespace Matching.Cli.Training;

/// <summary>Training files that cannot be read, with the file and line.</summary>
public sealed class TrainingDataException(string message) : Exception(message);
