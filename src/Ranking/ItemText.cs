namespace Matching.Ranking;

/// <summary>The text of an item, by field: the fields weigh differently.</summary>
public readonly record struct ItemText(string? Title, string? Description, IReadOnlyList<string> Keywords)
{
    /// <summary>An offer's text.</summary>
    public static ItemText Of(OfferData offer) => new(offer.Title, offer.Description, offer.Keywords);

    /// <summary>A need's text.</summary>
    public static ItemText Of(NeedData need) => new(need.Title, need.Description, need.Keywords);
}
