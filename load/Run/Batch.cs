namespace Matching.Load.Run;

/// <summary>One POST of <c>/v1/{side}/batch</c>: the body as sent, and how many items it carries.</summary>
public sealed record Batch(string Side, byte[] Body, int Items, string ContentType);
