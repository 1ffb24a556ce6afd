namespace Matching.Contracts;

/// <summary>What an API key may do (README, "Keys and tenants").</summary>
[GenerateSerializer]
public enum ApiRole : byte
{
    /// <summary>A portal: its tenant's offers, needs, shortlists, pushes, feedback and webhooks.</summary>
    Portal = 0,
    /// <summary>A data scientist: models (cluster-wide) and its tenant's feedback export.</summary>
    DataScience = 1,
    /// <summary>Ops: status and consistency of every tenant, keys, metrics and the dashboard; no item data.</summary>
    Ops = 2,
}
