namespace Matching.Contracts;

/// <summary>One technology offer; its shortlist holds needs.</summary>
public interface IOfferGrain : IItemGrain<OfferData>;
