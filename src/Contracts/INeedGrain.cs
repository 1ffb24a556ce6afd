namespace Matching.Contracts;

/// <summary>One enterprise need; its shortlist holds offers.</summary>
public interface INeedGrain : IItemGrain<NeedData>;
