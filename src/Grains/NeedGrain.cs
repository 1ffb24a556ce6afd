using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>One enterprise need, keyed <c>{tenant}/{id}</c>.</summary>
public sealed class NeedGrain(
    [PersistentState("need", StorageNames.Items)] IPersistentState<ItemState<NeedData>> state,
    ShortlistBuilder shortlists,
    ModelHost models,
    TimeProvider clock)
    : ItemGrain<NeedData>(state, shortlists, models, clock), INeedGrain
{
    protected override Side OwnSide => Side.Needs;

    protected override (NeedData Normalized, Dictionary<string, string[]> Errors) Validate(NeedData data) => ItemRules.Validate(data);

    protected override bool Same(NeedData a, NeedData b) => a.SameAs(b);

    protected override ItemFacts FactsOf(NeedData data) => Facts.Of(data);

    protected override ItemText TextOf(NeedData data) => Facts.Text(data);

    protected override string TitleOf(NeedData data) => data.Title;
}
