using System.IO.Compression;
using System.Reflection;

namespace Matching.Ranking;

/// <summary>
/// The Chinese-English bridge that ships in the assembly: CC-CEDICT's simplified headwords with their cleaned English
/// glosses (<c>scripts/cedict.js</c>), the reverse index from an English word or two-word phrase (as
/// <see cref="TextAnalyzer"/> keys it: stop words out, Snowball stems) to headwords, a traditional-to-simplified fold
/// of single characters, and Matching's own technical glossary, which wins over the dictionary for the terms it
/// names. Loaded once per process and read-only after: thread-safe.
/// </summary>
public sealed class BilingualDictionary
{
    /// <summary>Candidates kept per source term: more would spread a term's weight over noise ("battery" → 殴打).</summary>
    public const int MaxCandidates = 4;

    private static readonly Lazy<BilingualDictionary> LazyShared = new(() => Load(
        Resource("bilingual.cedict.tsv.gz", gzip: true), Resource("bilingual.glossary.tsv", gzip: false)));

    private readonly Dictionary<string, string[]> _english = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _chinese = new(StringComparer.Ordinal);
    private readonly char[] _fold = new char[char.MaxValue + 1];

    private BilingualDictionary()
    {
    }

    /// <summary>The dictionary of this build, loaded on first use.</summary>
    public static BilingualDictionary Shared => LazyShared.Value;

    /// <summary>Headwords with at least one English gloss.</summary>
    public int Headwords => _english.Count;

    /// <summary>English keys with at least one Chinese headword.</summary>
    public int EnglishKeys => _chinese.Count;

    /// <summary>Traditional characters folded to simplified.</summary>
    public int Folds { get; private set; }

    /// <summary>
    /// Reads the derived dictionary (<c>E</c> and <c>T</c> lines) and the glossary (<c>zh TAB en|en</c>, <c>#</c> comments).
    /// </summary>
    public static BilingualDictionary Load(TextReader cedict, TextReader glossary)
    {
        var d = new BilingualDictionary();
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        var reverse = new Dictionary<string, List<(string Headword, int Rank)>>(StringComparer.Ordinal);
        var glossed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reverseGlossary = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (glossary.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (line.StartsWith('#') || parts.Length != 2)
            {
                continue;
            }

            var glosses = parts[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            glossed[parts[0]] = [.. glosses];
            foreach (var gloss in glosses)
            {
                var key = Key(gloss, stems);
                if (key is not null)
                {
                    (reverseGlossary.TryGetValue(key, out var list) ? list : reverseGlossary[key] = []).Add(parts[0]);
                }
            }
        }

        while (cedict.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length != 3)
            {
                continue;
            }

            if (parts[0] == "T" && parts[1].Length == 1 && parts[2].Length == 1)
            {
                d._fold[parts[1][0]] = parts[2][0];
                d.Folds++;
            }
            else if (parts[0] == "E")
            {
                var glosses = parts[2].Split('|');
                d._english[parts[1]] = glosses;
                for (var rank = 0; rank < glosses.Length; rank++)
                {
                    var key = Key(glosses[rank], stems);
                    if (key is not null)
                    {
                        (reverse.TryGetValue(key, out var list) ? list : reverse[key] = []).Add((parts[1], rank));
                    }
                }
            }
        }

        foreach (var (headword, glosses) in glossed)
        {
            d._english[headword] = [.. glosses];
        }

        foreach (var (key, list) in reverse)
        {
            if (list.Count == 1)
            {
                d._chinese[key] = [list[0].Headword];
                continue;
            }

            // A headword whose first sense is the word beats one that lists it late; words beat single characters.
            d._chinese[key] = [.. list
                .OrderBy(x => x.Rank).ThenBy(x => x.Headword.Length < 2 ? 1 : 0).ThenBy(x => x.Headword.Length).ThenBy(x => x.Headword, StringComparer.Ordinal)
                .Select(x => x.Headword).Distinct().Take(MaxCandidates)];
        }

        foreach (var (key, list) in reverseGlossary)
        {
            d._chinese[key] = [.. list.Distinct().Take(MaxCandidates)];
        }

        return d;
    }

    /// <summary>Folds traditional characters to simplified ones (other characters are kept).</summary>
    public string Fold(string text)
    {
        var i = 0;
        while (i < text.Length && _fold[text[i]] == '\0')
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (_fold[chars[i]] != '\0')
            {
                chars[i] = _fold[chars[i]];
            }
        }

        return new string(chars);
    }

    /// <summary>The English glosses of a simplified Chinese word, the glossary's alone when it has the word; at most <see cref="MaxCandidates"/>.</summary>
    public IReadOnlyList<string> English(string chinese) =>
        _english.TryGetValue(chinese, out var glosses) ? glosses.Length <= MaxCandidates ? glosses : glosses[..MaxCandidates] : [];

    /// <summary>The Chinese headwords of an English word or two-word phrase, given as <see cref="Key(string)"/> makes it.</summary>
    public IReadOnlyList<string> Chinese(string englishKey) =>
        _chinese.TryGetValue(englishKey, out var headwords) ? headwords : [];

    /// <summary>
    /// The key of an English gloss as the analyzer's terms have it ("medical treatments" → "medic treatment"), or
    /// null when it is not one or two content words (the analyzer makes no longer terms, so it could never match).
    /// </summary>
    public static string? Key(string english) => Key(english, null);

    /// <summary><see cref="Key(string)"/>, with the stems already computed: loading keys 300,000 glosses of far fewer words.</summary>
    private static string? Key(string english, Dictionary<string, string>? stems)
    {
        string? first = null, second = null;
        var count = 0;
        // Hyphenated words stay whole, as the analyzer keeps them ("solid-state").
        foreach (var raw in english.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.ToLowerInvariant();
            if (StopWords.English.Contains(word))
            {
                continue;
            }

            if (++count > 2 || word.Length < 2)
            {
                return null;
            }

            foreach (var c in word)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return null;
                }
            }

            string? stem = null;
            if (stems is not null && !stems.TryGetValue(word, out stem))
            {
                stems[word] = stem = TextAnalyzer.Stem(word);
            }

            stem ??= TextAnalyzer.Stem(word);
            (first, second) = count == 1 ? (stem, second) : (first, stem);
        }

        return count switch
        {
            0 => null,
            1 => first,
            _ => first + " " + second,
        };
    }

    private static TextReader Resource(string name, bool gzip)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        return new StreamReader(gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream);
    }
}
