namespace Matching.Api;

/// <summary>POST /v1/models: the registered version.</summary>
public sealed record RegisteredResponse(string Version);
