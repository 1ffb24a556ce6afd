using System.Text;
using JiebaNet.Segmenter;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Matching.Ranking;

/// <summary>
/// Turns Chinese and English text into terms. Normalization is NFKC (full-width forms become ASCII) and
/// lower case. Han runs are segmented with jieba.NET and also cut into character bigrams, so a technical word
/// that neither the dictionary nor any training text knows still shares terms with itself. Latin runs become
/// words (stop words dropped, Snowball-stemmed) and adjacent-word phrases. Thread-safe.
/// </summary>
public sealed class TextAnalyzer
{
    private static readonly Lazy<TextAnalyzer> LazyShared = new(() => new TextAnalyzer());

    // Snowball stemmers keep their word in the instance: one per thread.
    private static readonly ThreadLocal<EnglishStemmer> Stemmers = new(() => new EnglishStemmer());

    // jieba.NET keeps per-instance caches that are not documented as thread-safe: one segmenter per thread.
    private readonly ThreadLocal<JiebaSegmenter> _segmenter;

    private TextAnalyzer()
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources");
        _segmenter = new ThreadLocal<JiebaSegmenter>(() => new JiebaSegmenter());
        _ = _segmenter.Value!.Cut("预热"); // load the dictionary now, not on the first request
    }

    /// <summary>The process-wide analyzer (the jieba dictionary is loaded once).</summary>
    public static TextAnalyzer Shared => LazyShared.Value;

    /// <summary>NFKC, then lower case, traditional characters folded to simplified: the form every comparison uses.</summary>
    public static string Normalize(string text) => BilingualDictionary.Shared.Fold(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant());

    /// <summary>Appends the terms of <paramref name="text"/> to <paramref name="terms"/>.</summary>
    public void Analyze(string? text, List<Term> terms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var s = Normalize(text);
        var i = 0;
        string? previousWord = null;
        while (i < s.Length)
        {
            if (IsHan(s, i))
            {
                var start = i;
                while (i < s.Length && IsHan(s, i))
                {
                    i += char.IsSurrogatePair(s, i) ? 2 : 1;
                }

                AnalyzeHan(s[start..i], terms);
                previousWord = null;
            }
            else if (char.IsLetterOrDigit(s[i]))
            {
                var start = i;
                while (i < s.Length && !IsHan(s, i) &&
                       (char.IsLetterOrDigit(s[i]) || (IsJoiner(s[i]) && i + 1 < s.Length && char.IsLetterOrDigit(s[i + 1]) && !IsHan(s, i + 1))))
                {
                    i++;
                }

                previousWord = AnalyzeWord(s[start..i], previousWord, terms);
            }
            else
            {
                // Punctuation ends a phrase; plain spaces do not.
                if (!char.IsWhiteSpace(s[i]))
                {
                    previousWord = null;
                }

                i++;
            }
        }
    }

    private void AnalyzeHan(string run, List<Term> terms)
    {
        string? previous = null;
        foreach (var word in _segmenter.Value!.Cut(run, cutAll: false, hmm: true))
        {
            // Single characters that segmentation leaves whole are words too (镁 magnesium, 磷 phosphorus).
            if (StopWords.Chinese.Contains(word))
            {
                previous = null;
                continue;
            }

            terms.Add(new Term(word, word, TermKind.Word));
            // jieba cuts compounds such as 量子计算 into 量子 / 计算: adjacent words also form a phrase.
            if (previous is not null)
            {
                terms.Add(new Term(previous + word, previous + word, TermKind.Phrase));
            }

            previous = word;
        }

        for (var j = 0; j + 1 < run.Length; j++)
        {
            var gram = run.Substring(j, 2);
            terms.Add(new Term(gram, gram, TermKind.Gram));
        }
    }

    /// <summary>Adds a Latin-script word (and its parts, when joined by '-' or '.'); returns the phrase anchor.</summary>
    private static string? AnalyzeWord(string word, string? previousWord, List<Term> terms)
    {
        if (StopWords.English.Contains(word))
        {
            return previousWord;
        }

        if (word.Length < 2 && !char.IsDigit(word[0]))
        {
            return previousWord;
        }

        var key = Stem(word);
        terms.Add(new Term(key, word, TermKind.Word));
        if (word.IndexOfAny(['-', '.']) > 0)
        {
            foreach (var part in word.Split(['-', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length >= 2 && !StopWords.English.Contains(part))
                {
                    terms.Add(new Term(Stem(part), part, TermKind.Word));
                }
            }
        }

        if (previousWord is not null && !char.IsDigit(word[0]))
        {
            terms.Add(new Term(Stem(previousWord) + " " + key, previousWord + " " + word, TermKind.Phrase));
        }

        return char.IsDigit(word[0]) ? null : word;
    }

    /// <summary>
    /// The Snowball English (Porter2) stem of a lower-case word, from Lucene.Net's analysis library: "batteries",
    /// "battery" -> "batteri"; "computing", "computation", "computers" -> "comput". Words with digits are kept whole.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        var stemmer = Stemmers.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static bool IsJoiner(char c) => c is '-' or '.';

    /// <summary>CJK unified ideographs (basic, extension A, compatibility) and the supplementary planes' ideographs.</summary>
    private static bool IsHan(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length)
        {
            var cp = char.ConvertToUtf32(c, s[i + 1]);
            return cp is >= 0x20000 and <= 0x3FFFF;
        }

        return c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
    }
}
