namespace Matching.Api;

/// <summary><c>GET /v1/tenants</c>: every tenant that has a key, and default.</summary>
public sealed record TenantListResponse(TenantResponse[] Tenants);
