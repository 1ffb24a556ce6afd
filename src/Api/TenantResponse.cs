namespace Matching.Api;

/// <summary>One tenant's status, as ops see every tenant's.</summary>
public sealed record TenantResponse(string Tenant, StatusResponse Status);
