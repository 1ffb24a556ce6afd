namespace Matching.Load.Run;

/// <summary>One request: its kind (a line of the report) and how to send it.</summary>
public sealed record Request(string Kind, Func<HttpClient, CancellationToken, Task<Outcome>> Send);
