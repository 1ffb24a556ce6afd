using Matching.Load.Generation;

namespace Matching.Load.Adhoc;

/// <summary>
/// The generator's links for the queried needs only (bounded by the number of queries): which offers are ideal
/// (grade 4) and which are near-misses that a hard rule must keep off the shortlist.
/// </summary>
public sealed class GroundTruth(int firstNeed, int needCount)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, HashSet<string>> _ideal = [];
    private readonly Dictionary<int, HashSet<string>> _nearMisses = [];

    public void Observe(Judgment? judgment)
    {
        if (judgment is not { } j || j.NeedIndex < firstNeed || j.NeedIndex >= firstNeed + needCount)
        {
            return;
        }

        var target = j.Kind switch
        {
            LinkKind.Match => _ideal,
            LinkKind.NearMiss => _nearMisses,
            _ => null,
        };
        if (target is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!target.TryGetValue(j.NeedIndex, out var set))
            {
                target[j.NeedIndex] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(j.OfferId);
        }
    }

    /// <summary>Scores shortlists (offer ids, best first) against the links, by need index.</summary>
    public Quality Score(IReadOnlyDictionary<int, string[]> shortlists)
    {
        int withIdeal = 0, idealFound = 0, violations = 0, empty = 0;
        long items = 0;
        foreach (var (need, offers) in shortlists)
        {
            items += offers.Length;
            empty += offers.Length == 0 ? 1 : 0;
            if (_ideal.TryGetValue(need, out var ideal))
            {
                withIdeal++;
                idealFound += offers.Any(ideal.Contains) ? 1 : 0;
            }

            if (_nearMisses.TryGetValue(need, out var nearMisses))
            {
                violations += offers.Count(nearMisses.Contains);
            }
        }

        return new Quality(
            withIdeal,
            withIdeal == 0 ? 0 : Math.Round(100.0 * idealFound / withIdeal, 1),
            violations,
            shortlists.Count == 0 ? 0 : Math.Round((double)items / shortlists.Count, 2),
            empty);
    }
}
