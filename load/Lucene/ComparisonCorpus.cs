using Matching.Contracts;
using Matching.Load.Generation;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary>An offer or a need as both engines read it: the normalized text and the hard-rule facts.</summary>
public sealed record ComparedItem(string Id, ItemText Text, MatchFacts Facts);

/// <summary>
/// The generated corpus both engines are measured on: the offers, the queried needs (the first judged ones),
/// warm-up needs that have no judgments, and each queried need's judged grades by offer id.
/// </summary>
public sealed class ComparisonCorpus
{
    public required ComparedItem[] Offers { get; init; }

    public required ComparedItem[] Queries { get; init; }

    public required ComparedItem[] WarmUp { get; init; }

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

    // Normalized as the grains and the training files normalize them (TrainingFiles in src/Cli), so the texts and
    // facts are the ones production would index.
    private static ComparedItem Offer(string id, OfferData data)
    {
        var n = ItemRules.Validate(data).Normalized;
        return new ComparedItem(id, new ItemText(n.Title, n.Description, n.Keywords),
            new MatchFacts(n.Field, n.Country, n.Trl ?? 0, (Modes)(byte)n.TransferModes, AcceptForeign: true));
    }

    private static ComparedItem Need(GeneratedNeed need)
    {
        var n = ItemRules.Validate(need.Data).Normalized;
        return new ComparedItem(need.Id, new ItemText(n.Title, n.Description, n.Keywords),
            new MatchFacts(n.Industry, n.Country, n.MinTrl ?? 0, (Modes)(byte)n.TransferModes, n.AcceptForeign));
    }
}
