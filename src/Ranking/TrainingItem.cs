namespace Matching.Ranking;

/// <summary>An offer or a need as training and evaluation read it.</summary>
public sealed record TrainingItem(string Id, ItemText Text, ItemFacts Facts)
{
    /// <summary>An offer, as its grain would index it.</summary>
    public static TrainingItem Of(string id, OfferData offer) => new(id, ItemText.Of(offer), ItemFacts.Of(offer));

    /// <summary>A need, as its grain would index it.</summary>
    public static TrainingItem Of(string id, NeedData need) => new(id, ItemText.Of(need), ItemFacts.Of(need));
}
