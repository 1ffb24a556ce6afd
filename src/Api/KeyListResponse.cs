namespace Matching.Api;

/// <summary><c>GET /v1/keys</c>: every live key, without secrets.</summary>
public sealed record KeyListResponse(KeyResponse[] Keys);
