namespace Matching.Api;

/// <summary>GET /v1/models.</summary>
public sealed record ModelListResponse(string Active, ModelResponse[] Models);
