using Matching.Contracts;

namespace Matching.Load.Generation;

public sealed record GeneratedOffer(int Index, string Id, OfferData Data, Judgment? Judgment);
