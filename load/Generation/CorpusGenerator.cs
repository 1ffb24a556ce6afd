using Matching.Contracts;

namespace Matching.Load.Generation;

/// <summary>
/// A deterministic generator of technology offers and enterprise needs. Every item is a pure function of the
/// seed and its index (its own <see cref="Random"/>, no clock, no Guid), so the corpus streams in bounded
/// memory and an offer can be tied to a need by recomputing only that need's topic.
/// Each need is written from a topic: a field and a handful of its concepts. Offers are 35% matches of a
/// need's topic, 20% partial matches (same field, some concepts), 10% near-misses (the topic's words but
/// a broken hard rule) and 35% background offers of a random field (some judged 0 against a need of another
/// field). Linked offers go to the first <see cref="JudgedNeeds"/> needs, about one per ten offers, so that
/// each judged need has several graded offers whatever the ratio of offers to needs.
/// </summary>
public sealed class CorpusGenerator
{
    private const int OffersPerJudgedNeed = 10;
    private const double MatchShare = 0.35;
    private const double PartialShare = 0.20;
    private const double NearMissShare = 0.10;
    private const double OtherFieldJudged = 0.30;
    private const TransferModes AllModes = TransferModes.Assignment | TransferModes.License | TransferModes.Equity | TransferModes.Codevelopment;

    private readonly int _seed;

    public CorpusGenerator(int seed, int offers, int needs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offers);
        ArgumentOutOfRangeException.ThrowIfNegative(needs);
        _seed = seed;
        OfferCount = offers;
        NeedCount = needs;
        JudgedNeeds = needs == 0 ? 0 : Math.Min(needs, Math.Max(1, (offers + OffersPerJudgedNeed - 1) / OffersPerJudgedNeed));
    }

    public int OfferCount { get; }

    public int NeedCount { get; }

    /// <summary>Needs 0 .. JudgedNeeds-1 receive the linked offers.</summary>
    public int JudgedNeeds { get; }

    public static string OfferId(int index) => $"o-{index + 1:D7}";

    public static string NeedId(int index) => $"n-{index + 1:D7}";

    public IEnumerable<GeneratedOffer> Offers()
    {
        for (var k = 0; k < OfferCount; k++)
        {
            yield return Offer(k);
        }
    }

    public IEnumerable<GeneratedNeed> Needs()
    {
        for (var j = 0; j < NeedCount; j++)
        {
            yield return Need(j);
        }
    }

    public GeneratedNeed Need(int index)
    {
        var spec = SpecOf(index, out var rng);
        var field = Vocabulary.Fields[spec.Field];
        var topic = spec.Topic.Select(c => field.Concepts[c]).ToArray();
        var prose = new Prose(rng, spec.Language, Typos(rng, spec.Language));
        NeedData need;
        if (spec.Vague)
        {
            need = new NeedData
            {
                Title = prose.VagueTitle(field, topic),
                Description = prose.VagueDescription(field, topic),
                Keywords = rng.NextDouble() < 0.5 ? [] : [field.Name.In(spec.Language)],
                Industry = rng.NextDouble() < 0.6 ? field.Code : null,
                Country = spec.Country,
                MinTrl = spec.MinTrl,
                TransferModes = spec.Modes,
                AcceptForeign = spec.AcceptForeign,
            };
        }
        else
        {
            need = new NeedData
            {
                Title = prose.NeedTitle(field, topic),
                Description = prose.Description(offer: false, field, topic),
                Keywords = prose.Keywords(topic, 1, topic.Length),
                Industry = rng.NextDouble() < 0.9 ? field.Code : null,
                Country = spec.Country,
                MinTrl = spec.MinTrl,
                TransferModes = spec.Modes,
                AcceptForeign = spec.AcceptForeign,
            };
        }

        var id = NeedId(index);
        Check(id, ItemRules.Validate(need).Errors);
        return new GeneratedNeed(index, id, need);
    }

    public GeneratedOffer Offer(int index)
    {
        var rng = Rng('o', index);
        var id = OfferId(index);
        var role = JudgedNeeds == 0 ? 1.0 : rng.NextDouble();
        var plan = role switch
        {
            < MatchShare => Match(rng, id),
            < MatchShare + PartialShare => Partial(rng, id),
            < MatchShare + PartialShare + NearMissShare => NearMiss(rng, id),
            _ => Background(rng, id),
        };

        var field = Vocabulary.Fields[plan.Field];
        var concepts = plan.Concepts.Select(c => field.Concepts[c]).ToArray();
        var prose = new Prose(rng, plan.Language, Typos(rng, plan.Language));
        var offer = new OfferData
        {
            Title = prose.OfferTitle(field, concepts),
            Description = prose.Description(offer: true, field, concepts),
            Keywords = prose.Keywords(concepts, 2, 8),
            Field = rng.NextDouble() < 0.95 ? field.Code : null,
            Country = plan.Owner.Country,
            Trl = plan.Trl,
            TransferModes = plan.Modes,
            Owner = rng.NextDouble() < 0.95 ? plan.Owner.Name : null,
        };
        Check(id, ItemRules.Validate(offer).Errors);
        return new GeneratedOffer(index, id, offer, plan.Judgment);
    }

    /// <summary>The topic and hard-rule facts of need <paramref name="index"/>; the rest of its text continues from <paramref name="rng"/>.</summary>
    private NeedSpec SpecOf(int index, out Random rng)
    {
        rng = Rng('n', index);
        var field = rng.Next(Vocabulary.Fields.Count);
        var language = rng.NextDouble() < 0.5 ? Language.Chinese : Language.English;
        var vague = rng.NextDouble() < 0.15;
        var topic = Distinct(rng, Vocabulary.Fields[field].Concepts.Count, vague ? rng.Next(1, 3) : rng.Next(3, 7));
        int? minTrl = rng.NextDouble() < (vague ? 0.5 : 0.8) ? rng.Next(3, 8) : null;
        var modes = rng.NextDouble() < 0.85 ? SomeModes(rng) : TransferModes.None;
        var country = language == Language.Chinese
            ? (rng.NextDouble() < 0.95 ? "CN" : "SG")
            : Vocabulary.EnglishNeedCountries[rng.Next(Vocabulary.EnglishNeedCountries.Count)];
        var acceptForeign = rng.NextDouble() < 0.85;
        return new NeedSpec(field, language, vague, topic, minTrl, modes, country, acceptForeign);
    }

    private OfferPlan Match(Random rng, string id)
    {
        var j = rng.Next(JudgedNeeds);
        var need = SpecOf(j, out _);
        var concepts = need.Topic.ToList();
        if (concepts.Count >= 4 && rng.NextDouble() < 0.5)
        {
            concepts.RemoveAt(rng.Next(concepts.Count));
        }

        concepts.AddRange(Distinct(rng, Vocabulary.Fields[need.Field].Concepts.Count, rng.Next(0, 3)).Except(need.Topic));
        Shuffle(rng, concepts);
        var language = LinkedLanguage(rng, need);
        return new OfferPlan(need.Field, language, [.. concepts], PassingTrl(rng, need), PassingModes(rng, need),
            PassingOwner(rng, need, language), new Judgment(j, id, 4, LinkKind.Match));
    }

    private OfferPlan Partial(Random rng, string id)
    {
        var j = rng.Next(JudgedNeeds);
        var need = SpecOf(j, out _);
        var draw = rng.NextDouble();
        var shared = Math.Min(draw < 0.45 ? 2 : draw < 0.85 ? 1 : 0, need.Topic.Length - 1);
        var concepts = need.Topic.OrderBy(_ => rng.Next()).Take(shared).ToList();
        concepts.AddRange(Distinct(rng, Vocabulary.Fields[need.Field].Concepts.Count, rng.Next(3, 6) + need.Topic.Length)
            .Except(need.Topic).Take(rng.Next(3, 6)));
        Shuffle(rng, concepts);
        var language = LinkedLanguage(rng, need);
        return new OfferPlan(need.Field, language, [.. concepts], PassingTrl(rng, need), PassingModes(rng, need),
            PassingOwner(rng, need, language), new Judgment(j, id, shared >= 2 ? 3 : shared == 1 ? 2 : 1, LinkKind.Partial));
    }

    /// <summary>The topic's words, but one hard rule broken; a need that states no rule that can be broken gets a background offer.</summary>
    private OfferPlan NearMiss(Random rng, string id)
    {
        var j = rng.Next(JudgedNeeds);
        var need = SpecOf(j, out _);
        var breakable = new List<int>();
        if (need.MinTrl >= 2)
        {
            breakable.Add(0);
        }

        if (need.Modes is not TransferModes.None and not AllModes)
        {
            breakable.Add(1);
        }

        if (!need.AcceptForeign)
        {
            breakable.Add(2);
        }

        if (breakable.Count == 0)
        {
            return Background(rng, id);
        }

        var broken = breakable[rng.Next(breakable.Count)];
        var language = LinkedLanguage(rng, need);
        var trl = broken == 0 ? rng.Next(1, need.MinTrl!.Value) : PassingTrl(rng, need);
        var modes = broken == 1 ? SomeModes(rng) & ~need.Modes & AllModes : PassingModes(rng, need);
        if (broken == 1 && modes == TransferModes.None)
        {
            modes = Lowest(~need.Modes & AllModes);
        }

        var owner = broken == 2 ? ForeignOwner(rng, need.Country, language) : PassingOwner(rng, need, language);
        var concepts = need.Topic.OrderBy(_ => rng.Next()).ToArray();
        return new OfferPlan(need.Field, language, concepts, trl, modes, owner, new Judgment(j, id, 0, LinkKind.NearMiss));
    }

    private OfferPlan Background(Random rng, string id)
    {
        var field = rng.Next(Vocabulary.Fields.Count);
        var language = rng.NextDouble() < 0.5 ? Language.Chinese : Language.English;
        var concepts = Distinct(rng, Vocabulary.Fields[field].Concepts.Count, rng.Next(3, 8));
        int? trl = rng.NextDouble() < 0.95 ? rng.Next(1, 10) : null;
        var modes = rng.NextDouble() < 0.9 ? SomeModes(rng) : TransferModes.None;
        var owner = AnyOwner(rng, language);
        Judgment? judgment = null;
        if (JudgedNeeds > 0 && rng.NextDouble() < OtherFieldJudged)
        {
            var j = rng.Next(JudgedNeeds);
            if (SpecOf(j, out _).Field != field)
            {
                judgment = new Judgment(j, id, 0, LinkKind.OtherField);
            }
        }

        return new OfferPlan(field, language, concepts, trl, modes, owner, judgment);
    }

    /// <summary>Linked offers are mostly in the need's language: matching across languages is the harder case.</summary>
    private static Language LinkedLanguage(Random rng, NeedSpec need) =>
        rng.NextDouble() < 0.7 ? need.Language : (need.Language == Language.Chinese ? Language.English : Language.Chinese);

    private static int? PassingTrl(Random rng, NeedSpec need) =>
        need.MinTrl is int min ? rng.Next(min, 10) : (rng.NextDouble() < 0.05 ? null : rng.Next(2, 10));

    private static TransferModes PassingModes(Random rng, NeedSpec need)
    {
        if (rng.NextDouble() < 0.1)
        {
            return TransferModes.None; // an offer that states no mode never breaks the mode rule
        }

        if (need.Modes == TransferModes.None)
        {
            return SomeModes(rng);
        }

        var theirs = TransferModeNames.All.Where(m => (need.Modes & m.Mode) != 0).ToArray();
        var modes = theirs[rng.Next(theirs.Length)].Mode;
        return rng.NextDouble() < 0.4 ? modes | SomeModes(rng) : modes;
    }

    private static Institution PassingOwner(Random rng, NeedSpec need, Language language) =>
        need.AcceptForeign ? AnyOwner(rng, language) : OwnerIn(rng, need.Country, language);

    private static Institution AnyOwner(Random rng, Language language)
    {
        var list = language == Language.Chinese ? Vocabulary.ChineseInstitutions : Vocabulary.EnglishInstitutions;
        return list[rng.Next(list.Count)];
    }

    /// <summary>An institution of the country, preferring the item's language; a nameless one when there is none.</summary>
    private static Institution OwnerIn(Random rng, string country, Language language)
    {
        var preferred = language == Language.Chinese ? Vocabulary.ChineseInstitutions : Vocabulary.EnglishInstitutions;
        var other = language == Language.Chinese ? Vocabulary.EnglishInstitutions : Vocabulary.ChineseInstitutions;
        var candidates = preferred.Where(i => i.Country == country).ToArray();
        if (candidates.Length == 0)
        {
            candidates = other.Where(i => i.Country == country).ToArray();
        }

        return candidates.Length == 0 ? new Institution(country + " Institute of Technology", country) : candidates[rng.Next(candidates.Length)];
    }

    private static Institution ForeignOwner(Random rng, string country, Language language)
    {
        var list = (language == Language.Chinese ? Vocabulary.ChineseInstitutions : Vocabulary.EnglishInstitutions)
            .Where(i => i.Country != country).ToArray();
        return list[rng.Next(list.Length)];
    }

    /// <summary>One to three modes, each with its own chance.</summary>
    private static TransferModes SomeModes(Random rng)
    {
        var modes = TransferModes.None;
        foreach (var (mode, _) in TransferModeNames.All)
        {
            if (rng.NextDouble() < 0.35)
            {
                modes |= mode;
            }
        }

        return modes == TransferModes.None ? TransferModeNames.All[rng.Next(4)].Mode : modes;
    }

    private static TransferModes Lowest(TransferModes modes) => (TransferModes)((int)modes & -(int)modes);

    private static bool Typos(Random rng, Language language) => language == Language.English && rng.NextDouble() < 0.15;

    /// <summary><paramref name="count"/> distinct numbers below <paramref name="max"/>, in random order.</summary>
    private static int[] Distinct(Random rng, int max, int count)
    {
        count = Math.Min(count, max);
        var picked = new List<int>(count);
        while (picked.Count < count)
        {
            var n = rng.Next(max);
            if (!picked.Contains(n))
            {
                picked.Add(n);
            }
        }

        return [.. picked];
    }

    private static void Shuffle<T>(Random rng, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var k = rng.Next(i + 1);
            (list[i], list[k]) = (list[k], list[i]);
        }
    }

    /// <summary>A generated item that breaks a rule of the API is a bug of the generator: stop at once.</summary>
    private static void Check(string id, Dictionary<string, string[]> errors)
    {
        if (!ItemRules.IsValidId(id) || errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"generated item {id} is invalid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        }
    }

    /// <summary>Each item's own random source: a SplitMix64 hash of seed, kind and index.</summary>
    private Random Rng(char kind, int index)
    {
        var x = unchecked(((ulong)(uint)_seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)kind << 40) ^ (uint)index);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new Random((int)(x & int.MaxValue));
    }

    private sealed record NeedSpec(int Field, Language Language, bool Vague, int[] Topic, int? MinTrl, TransferModes Modes, string Country, bool AcceptForeign);

    private sealed record OfferPlan(int Field, Language Language, int[] Concepts, int? Trl, TransferModes Modes, Institution Owner, Judgment? Judgment);
}
