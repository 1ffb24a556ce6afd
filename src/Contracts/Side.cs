namespace Matching.Contracts;

/// <summary>The two sides of the market; each has its own index shards.</summary>
[GenerateSerializer]
public enum Side : byte
{
    /// <summary>Technology offers (supply).</summary>
    Offers = 0,
    /// <summary>Enterprise needs (demand).</summary>
    Needs = 1,
}
