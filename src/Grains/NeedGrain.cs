namespace Matching.Grains;

/// <summary>One enterprise need, keyed <c>{tenant}/{id}</c>; its shortlist holds offers.</summary>
public sealed class NeedGrain(
    [PersistentState("need", StorageNames.Items)] IPersistentState<ItemState<NeedData>> state,
    [PersistentState("kept", StorageNames.Shortlists)] IPersistentState<KeptState> kept,
    ShortlistBuilder shortlists,
    ModelHost models,
    MemoryTrim trim,
    SweepGate gate,
    TimeProvider clock,
    ILogger<NeedGrain> logger)
    : ItemGrain<NeedData>(ItemSchemas.Need, state, kept, shortlists, models, trim, gate, clock, logger), INeedGrain;
