using Matching.Contracts;

namespace Matching.Ranking;

/// <summary>Why a pair matched, in words a person reads: the shared terms that weighed most, then rule outcomes.</summary>
public static class Reasons
{
    private const int MaxTerms = 3;

    /// <summary>
    /// Explains a pair. Terms are quoted in the spelling of <paramref name="query"/>, the side whose shortlist
    /// this is; whole words and phrases only (bigrams when nothing else is shared), and a longer term replaces
    /// the shorter ones it contains.
    /// </summary>
    public static string[] Explain(FeatureVector query, int[] topSharedSlots, ItemFacts need, ItemFacts offer)
    {
        var reasons = new List<string>();
        var shared = topSharedSlots
            .Select(query.IndexOf)
            .Where(i => i >= 0)
            .Select(i => (Surface: query.Surfaces[i], Kind: query.Kinds[i]))
            .ToList();
        var terms = new List<string>();
        // Character bigrams are quoted only when no whole word is shared (a new word that segmentation split):
        // otherwise they are fragments such as "池正" that tell a reader nothing.
        var quotable = shared.Any(x => x.Kind != TermKind.Gram) ? shared.Where(x => x.Kind != TermKind.Gram) : shared;
        foreach (var (surface, _) in quotable)
        {
            if (terms.Any(t => t.Contains(surface, StringComparison.Ordinal)))
            {
                continue;
            }

            // A longer term ("量子计算") replaces the shorter ones it contains ("量子", "计算"), in the place of the first.
            var place = terms.FindIndex(t => surface.Contains(t, StringComparison.Ordinal));
            terms.RemoveAll(t => surface.Contains(t, StringComparison.Ordinal));
            terms.Insert(place < 0 ? terms.Count : Math.Min(place, terms.Count), surface);
        }

        reasons.AddRange(terms.Take(MaxTerms));

        if (need.Domain is not null && string.Equals(need.Domain, offer.Domain, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add(SharedStrings.Get($"same field {offer.Domain}"));
        }

        if (need.MinTrl > 0)
        {
            reasons.Add(SharedStrings.Get($"trl {offer.Trl} >= {need.MinTrl}"));
        }

        var modes = need.Modes & offer.Modes;
        if (need.Modes != TransferModes.None && modes != TransferModes.None)
        {
            reasons.Add(SharedStrings.Get($"{modes.ToString().ToLowerInvariant()} offered"));
        }

        if (!need.AcceptForeign)
        {
            reasons.Add(SharedStrings.Get($"same country {offer.Country}"));
        }
        else if (need.Country is not null && offer.Country is not null && need.Country != offer.Country)
        {
            reasons.Add(SharedStrings.Get($"cross-border {offer.Country} → {need.Country}"));
        }

        return reasons.ToArray();
    }
}
