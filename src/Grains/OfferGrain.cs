namespace Matching.Grains;

/// <summary>One technology offer, keyed <c>{tenant}/{id}</c>; its shortlist holds needs.</summary>
public sealed class OfferGrain(
    [PersistentState("offer", StorageNames.Items)] IPersistentState<ItemState<OfferData>> state,
    [PersistentState("kept", StorageNames.Shortlists)] IPersistentState<KeptState> kept,
    ShortlistBuilder shortlists,
    ModelHost models,
    MemoryTrim trim,
    SweepGate gate,
    TimeProvider clock,
    ILogger<OfferGrain> logger)
    : ItemGrain<OfferData>(ItemSchemas.Offer, state, kept, shortlists, models, trim, gate, clock, logger), IOfferGrain;
