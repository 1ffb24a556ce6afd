namespace Matching.Ranking;

/// <summary>Transfer modes as bits, the same values as the contract's enum.</summary>
[Flags]
public enum Modes : byte
{
    None = 0,
    Assignment = 1,
    License = 2,
    Equity = 4,
    Codevelopment = 8,
}

/// <summary>
/// The structured fields of one item that the hard rules and reasons read. For an offer <see cref="Trl"/> is
/// its readiness; for a need, its minimum. 0 means not stated.
/// </summary>
public readonly record struct MatchFacts(string? Domain, string? Country, int Trl, Modes Modes, bool AcceptForeign);

/// <summary>The hard rules of API.md: a pair that breaks one is never shortlisted, whatever its score.</summary>
public static class HardRules
{
    /// <summary>True when <paramref name="offer"/> may appear on <paramref name="need"/>'s shortlist and the reverse.</summary>
    public static bool Allows(in MatchFacts need, in MatchFacts offer)
    {
        // An offer that states no TRL cannot show that it meets a stated minimum.
        if (need.Trl > 0 && offer.Trl < need.Trl)
        {
            return false;
        }

        if (need.Modes != Modes.None && offer.Modes != Modes.None && (need.Modes & offer.Modes) == 0)
        {
            return false;
        }

        // "Only offers of the same country": unknown on either side cannot be shown to be the same.
        return need.AcceptForeign || (need.Country is not null && need.Country == offer.Country);
    }
}
