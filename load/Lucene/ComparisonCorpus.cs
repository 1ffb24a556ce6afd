using System.Text;
using Matching.Contracts;
using Matching.Load.Generation;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary>
/// The corpus every engine of a comparison is measured on: the offers, the queried needs, the needs each engine
/// answers untimed before it is timed, and each queried need's judged grades by offer id. Items are normalized as
/// the grains and the training files normalize them (<see cref="ItemRules.Validate(OfferData)"/>), so the texts and
/// facts are the ones production would index. Built either from the generator (<see cref="Generate"/>) or from a
/// judged collection in the training-file format (<see cref="Judged"/>).
/// </summary>
public sealed class ComparisonCorpus
{
    public required TrainingItem[] Offers { get; init; }

    public required TrainingItem[] Queries { get; init; }

    public required TrainingItem[] WarmUp { get; init; }

    /// <summary>Grades by offer id, one dictionary per query (the need's every judgment, as the ideal ranking reads them).</summary>
    public required Dictionary<string, int>[] Grades { get; init; }

    /// <summary>
    /// Generates <paramref name="offers"/> offers and the needs the queries and the warm-up take. The generator
    /// links offers to its first ceil(offers / 10) needs only, so queries are taken from those, and the warm-up
    /// from the needs just after them (never timed, never judged).
    /// </summary>
    public static ComparisonCorpus Generate(int seed, int offers, int queries, int warmUp)
    {
        var judged = new CorpusGenerator(seed, offers, int.MaxValue).JudgedNeeds;
        // Needs beyond the judged ones change nothing in the offers: JudgedNeeds only reads the offer count here.
        var generator = new CorpusGenerator(seed, offers, judged + warmUp);
        var q = Math.Min(queries, generator.JudgedNeeds);

        // Generation is not measured: every item is a pure function of the seed and its index, so in parallel is the same.
        var generated = Enumerable.Range(0, offers).AsParallel().AsOrdered().Select(generator.Offer).ToArray();
        var grades = Enumerable.Range(0, q).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var o in generated)
        {
            if (o.Judgment is { } j && j.NeedIndex < q)
            {
                grades[j.NeedIndex][j.OfferId] = Math.Max(j.Grade, grades[j.NeedIndex].GetValueOrDefault(j.OfferId));
            }
        }

        return new ComparisonCorpus
        {
            Offers = [.. generated.Select(o => Offer(o.Id, o.Data))],
            Queries = [.. Enumerable.Range(0, q).Select(i => Need(generator.Need(i)))],
            WarmUp = [.. Enumerable.Range(generator.JudgedNeeds, warmUp).Select(i => Need(generator.Need(i)))],
            Grades = grades,
        };
    }

    /// <summary>
    /// A judged collection (items already normalized by <c>TrainingFiles.Read</c>): every offer, the given
    /// <paramref name="queries"/> with their judgments (the highest grade when a pair is judged twice). A real
    /// collection has no spare unjudged needs, so the warm-up is the queries themselves, answered once untimed.
    /// </summary>
    public static ComparisonCorpus Judged(IReadOnlyList<TrainingItem> offers, IReadOnlyList<TrainingItem> queries, IReadOnlyList<Matching.Ranking.Judgment> judgments)
    {
        var byNeed = queries.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var position = queries.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var j in judgments)
        {
            if (position.TryGetValue(j.NeedId, out var q))
            {
                byNeed[q][j.OfferId] = Math.Max(j.Grade, byNeed[q].GetValueOrDefault(j.OfferId));
            }
        }

        return new ComparisonCorpus { Offers = [.. offers], Queries = [.. queries], WarmUp = [.. queries], Grades = byNeed };
    }

    /// <summary>
    /// The share of CJK ideographs among the letters of the offers' titles, keywords and descriptions (0 to 1):
    /// what says whether a collection is Chinese text.
    /// </summary>
    public double CjkShare()
    {
        long letters = 0, cjk = 0;
        foreach (var o in Offers)
        {
            Count(o.Text.Title);
            Count(o.Text.Description);
            foreach (var k in o.Text.Keywords)
            {
                Count(k);
            }
        }

        return letters == 0 ? 0 : (double)cjk / letters;

        void Count(string? text)
        {
            foreach (var r in (text ?? "").EnumerateRunes())
            {
                if (Rune.IsLetter(r))
                {
                    letters++;
                    cjk += IsCjk(r.Value) ? 1 : 0;
                }
            }
        }
    }

    // CJK Unified Ideographs, Extension A, Compatibility Ideographs, and the supplementary planes' extensions.
    private static bool IsCjk(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F);

    private static TrainingItem Offer(string id, OfferData data)
    {
        return TrainingItem.Of(id, ItemRules.Validate(data).Normalized);
    }

    private static TrainingItem Need(GeneratedNeed need)
    {
        return TrainingItem.Of(need.Id, ItemRules.Validate(need.Data).Normalized);
    }
}
