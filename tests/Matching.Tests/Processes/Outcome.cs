namespace Matching.Tests.Processes;

/// <summary>What a client knows of a write: acknowledged, refused, or unknown (timed out, connection lost).</summary>
public enum Outcome
{
    /// <summary>2xx: the API acknowledged it.</summary>
    Ok,

    /// <summary>An error status with a problem document (4xx, 503): refused, though a 5xx may have been stored before it failed.</summary>
    Failed,

    /// <summary>No answer in time, or the connection failed: it may or may not have been stored.</summary>
    Unknown,
}
