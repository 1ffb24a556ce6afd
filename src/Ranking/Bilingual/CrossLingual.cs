using System.Collections.Concurrent;

namespace Matching.Ranking;

/// <summary>
/// How a need's term reaches the other language: its candidates in <see cref="BilingualDictionary"/> (a Chinese word's
/// English glosses, an English word's or phrase's Chinese headwords), each matched by the terms the analyzer makes of
/// it. Depends only on the term and the shipped dictionary, so a need's expansion is the same on every path.
/// </summary>
public static class CrossLingual
{
    /// <summary>What a translation counts against an exact shared term of the same weight (Pirkola's structured query, shared out).</summary>
    public const float Weight = 0.5f;

    /// <summary>Separates a term from its translation in a spelling that reasons quote ("质子治疗 ≈ proton therapy").</summary>
    public const string Separator = " ≈ ";

    // Bounded by the dictionary: only its own targets are ever analyzed.
    private static readonly ConcurrentDictionary<string, Term[]> Targets = new(StringComparer.Ordinal);

    /// <summary>The candidates of a term in the other language, given its spelling in its text (lower case, folded).</summary>
    public static IReadOnlyList<string> Candidates(string surface)
    {
        var dictionary = BilingualDictionary.Shared;
        if (surface.Any(IsHan))
        {
            // A single character's later senses are mostly noise (型: model, type, mold): its first sense only (镁 magnesium).
            var glosses = dictionary.English(surface);
            return surface.Length == 1 && glosses.Count > 1 ? [glosses[0]] : glosses;
        }

        var key = BilingualDictionary.Key(surface);
        return key is null ? [] : dictionary.Chinese(key);
    }

    /// <summary>The first candidate, for reasons on the side that was not translated; null when there is none.</summary>
    public static string? Gloss(string surface)
    {
        var candidates = Candidates(surface);
        return candidates.Count == 0 ? null : candidates[0];
    }

    /// <summary>The terms a candidate is matched by: its words and phrases (and a Chinese headword whole), never bigrams.</summary>
    public static Term[] TermsOf(string target) => Targets.GetOrAdd(target, static t =>
    {
        var terms = new List<Term>();
        TextAnalyzer.Shared.Analyze(t, terms);
        terms.RemoveAll(x => x.Kind == TermKind.Gram);
        if (t.Any(IsHan) && !terms.Any(x => x.Key == t))
        {
            terms.Add(new Term(t, t, TermKind.Word)); // jieba may cut a headword the other text keeps whole
        }

        return [.. terms.DistinctBy(x => x.Key)];
    });

    /// <summary>
    /// The pair's strongest shared slots with those the need holds only through translation marked as their complement
    /// (<c>~slot</c>), so that reasons can say the pair matched across languages.
    /// </summary>
    public static int[] MarkTranslated(int[] topSharedSlots, TextProfile need)
    {
        if (need.Translated.Length == 0)
        {
            return topSharedSlots;
        }

        var marked = (int[])topSharedSlots.Clone();
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] >= 0 && Array.BinarySearch(need.Translated, marked[i]) >= 0)
            {
                marked[i] = ~marked[i];
            }
        }

        return marked;
    }

    private static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF');
}
