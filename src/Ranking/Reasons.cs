namespace Matching.Ranking;

/// <summary>Why a pair matched, in words a person reads: the shared terms that weighed most, then rule outcomes.</summary>
public static class Reasons
{
    private const int MaxTerms = 3;

    /// <summary>
    /// Explains a pair. Terms are quoted in the spelling of <paramref name="query"/>, the side whose shortlist
    /// this is; whole words and phrases only (bigrams when nothing else is shared), and a longer term replaces
    /// the shorter ones it contains. A slot the need holds only through translation comes complemented (<c>~slot</c>,
    /// <see cref="CrossLingual.MarkTranslated"/>) and is quoted with its other-language side: "质子治疗 ≈ proton therapy".
    /// </summary>
    public static string[] Explain(FeatureVector query, int[] topSharedSlots, ItemFacts need, ItemFacts offer)
    {
        var reasons = new List<string>();
        var shared = topSharedSlots
            .Select(slot => (Index: query.IndexOf(slot < 0 ? ~slot : slot), Translated: slot < 0))
            .Where(x => x.Index >= 0)
            .Select(x => (Surface: Spell(query.Surfaces[x.Index], query.Kinds[x.Index], x.Translated), Kind: query.Kinds[x.Index]))
            .ToList();
        var terms = new List<string>();
        // Character bigrams are quoted only when no whole word is shared (a new word that segmentation split):
        // otherwise they are fragments such as "池正" that tell a reader nothing.
        var quotable = shared.Any(x => x.Kind != TermKind.Gram) ? shared.Where(x => x.Kind != TermKind.Gram) : shared;
        foreach (var (surface, _) in quotable)
        {
            // Containment is judged on the reader's own words: "质子 ≈ proton" is inside "质子治疗 ≈ proton therapy".
            var head = Head(surface);
            if (terms.Any(t => Head(t).Contains(head, StringComparison.Ordinal)))
            {
                continue;
            }

            // A longer term ("量子计算") replaces the shorter ones it contains ("量子", "计算"), in the place of the first.
            var place = terms.FindIndex(t => head.Contains(Head(t), StringComparison.Ordinal));
            terms.RemoveAll(t => head.Contains(Head(t), StringComparison.Ordinal));
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

    /// <summary>
    /// A shared term as the reader sees it: a need's translation already says both sides; an offer's own word that the
    /// need reached through translation gets the dictionary's word of the other language.
    /// </summary>
    private static string Spell(string surface, TermKind kind, bool translated)
    {
        if (!translated || kind == TermKind.Translation)
        {
            return surface;
        }

        var gloss = CrossLingual.Gloss(surface);
        return gloss is null ? surface : SharedStrings.Get(surface + CrossLingual.Separator + gloss);
    }

    private static string Head(string term)
    {
        var at = term.IndexOf(CrossLingual.Separator, StringComparison.Ordinal);
        return at < 0 ? term : term[..at];
    }
}
