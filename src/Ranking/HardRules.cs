namespace Matching.Ranking;

/// <summary>The hard rules of API.md: a pair that breaks one is never shortlisted, whatever its score.</summary>
public static class HardRules
{
    /// <summary>True when <paramref name="offer"/> may appear on <paramref name="need"/>'s shortlist and the reverse.</summary>
    public static bool Allows(ItemFacts need, ItemFacts offer)
    {
        // An offer that states no TRL cannot show that it meets a stated minimum.
        if (need.MinTrl > 0 && offer.Trl < need.MinTrl)
        {
            return false;
        }

        if (need.Modes != TransferModes.None && offer.Modes != TransferModes.None && (need.Modes & offer.Modes) == 0)
        {
            return false;
        }

        // "Only offers of the same country": unknown on either side cannot be shown to be the same.
        return need.AcceptForeign || (need.Country is not null && need.Country == offer.Country);
    }
}
