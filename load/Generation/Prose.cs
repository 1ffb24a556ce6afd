using System.Globalization;
using System.Text;

namespace Matching.Load.Generation;

/// <summary>
/// Writes the text of one item in one language from its concepts, drawing every choice from the item's own
/// random source (so that the same seed and index always give the same text). English items may carry typos.
/// </summary>
internal sealed class Prose(Random rng, Language language, bool typos)
{
    // Composite formats. {0} and {1}: the item's concepts; {2} and {3}: general words; {4}: a small number;
    // {5}: a percentage; {6}: the field's name; {7}: a kind of company; {8}: a transfer mode.
    private static readonly string[] OfferTitlesZh =
    [
        "基于{0}的{1}技术", "{0}关键技术及其在{1}中的应用", "高性能{0}", "一种{0}方法及装置", "{0}与{1}一体化解决方案",
        "{0}{2}技术", "面向{1}的{0}系统", "{0}国产化研制",
    ];

    private static readonly string[] OfferTitlesEn =
    [
        "{0} for {1}", "{0} technology with {1}", "High-performance {0}", "Low-cost {0} and {1} solution", "{0}-based {1} platform",
        "{0} with {2}", "Novel {0} method and device", "Compact {0} system",
    ];

    private static readonly string[] OfferSentencesZh =
    [
        "团队自主研发{0}，结合{1}，{2}指标较传统方案提升{5}%。", "该{0}已在{4}个试点项目中完成验证，并支持{1}。",
        "主要优势包括{2}、{3}以及{1}。", "相关技术已获得{4}项发明专利，具备{2}条件。", "可应用于{1}、{0}以及{6}相关领域。",
        "与进口产品相比，{0}成本降低{5}%，{2}显著改善。", "项目团队长期从事{6}研究，在{0}方面积累了丰富经验。",
        "目前已完成{0}样机研制，正在开展{2}。",
    ];

    private static readonly string[] OfferSentencesEn =
    [
        "The team has developed {0} combined with {1}, improving {2} by {5}% over conventional approaches.",
        "Our {0} has been validated in {4} pilot projects and supports {1}.", "Key advantages include {2}, {3} and {1}.",
        "The technology is protected by {4} invention patents and is ready for {2}.", "Applications include {1}, {0} and other {6} scenarios.",
        "Compared with imported products, the {0} cuts cost by {5}% while improving {2}.",
        "The group has worked on {6} for {4} years with a focus on {0}.", "A working prototype of the {0} is available and {2} is under way.",
    ];

    private static readonly string[] NeedTitlesZh =
    [
        "寻求{0}技术", "需要{0}用于{1}", "征集{0}解决方案", "寻找{0}合作伙伴", "{1}项目急需{0}", "求购{0}相关专利",
    ];

    private static readonly string[] NeedTitlesEn =
    [
        "Looking for {0} for our {1} project", "Need {0} to improve {1}", "Seeking a partner in {0}", "{0} solution wanted",
        "Licensing {0} technology for {1}", "Who can supply {0}?",
    ];

    private static readonly string[] NeedSentencesZh =
    [
        "我公司是{7}，计划在现有产线引入{0}。", "目前{1}环节存在{2}不足的问题，希望通过{0}解决。", "希望合作方具备{0}和{1}方面的经验。",
        "预算灵活，倾向{8}方式合作，希望{4}个月内完成{2}。", "要求技术成熟，可提供{2}和{3}支持。", "我们关注{6}领域的最新成果，尤其是{0}。",
    ];

    private static readonly string[] NeedSentencesEn =
    [
        "We are {7} planning to introduce {0} into our existing line.", "Our {1} step suffers from poor {2}; we expect {0} to fix it.",
        "The partner should have experience with {0} and {1}.", "Budget is flexible; we prefer {8} and would like {2} within {4} months.",
        "The technology must be mature, with {2} and {3} support.", "We follow new results in {6}, especially {0}.",
    ];

    private static readonly string[] VagueTitlesZh = ["寻找{6}方面的新技术", "{6}技术合作", "希望了解{6}领域的成果", "寻找{0}相关技术"];
    private static readonly string[] VagueTitlesEn = ["Looking for new technology in {6}", "{6} cooperation wanted", "Any {6} solutions?", "Interested in {0}"];
    private static readonly string[] VagueSentencesZh = ["我们想提升{2}，欢迎联系。", "希望降低成本，寻找合适技术。", "有意向的请联系我们。"];
    private static readonly string[] VagueSentencesEn = ["We want better {2}, please contact us.", "Open to any ideas that cut cost.", "Contact us if interested."];

    private static readonly string[] ModeNamesZh = ["技术转让", "专利许可", "作价入股", "合作开发"];
    private static readonly string[] ModeNamesEn = ["assignment", "licensing", "equity", "co-development"];

    private readonly bool _english = language == Language.English;
    private int _cursor;

    public string OfferTitle(TechField field, IReadOnlyList<Concept> concepts) =>
        Capitalize(Fill(_english ? OfferTitlesEn : OfferTitlesZh, field, concepts, quote: true));

    public string NeedTitle(TechField field, IReadOnlyList<Concept> concepts) =>
        Capitalize(Fill(_english ? NeedTitlesEn : NeedTitlesZh, field, concepts, quote: true));

    public string VagueTitle(TechField field, IReadOnlyList<Concept> concepts) =>
        Capitalize(Fill(_english ? VagueTitlesEn : VagueTitlesZh, field, concepts, quote: true));

    public string? VagueDescription(TechField field, IReadOnlyList<Concept> concepts) =>
        rng.NextDouble() < 0.5 ? null : Fill(_english ? VagueSentencesEn : VagueSentencesZh, field, concepts, quote: true);

    /// <summary>
    /// A description: 12% short (one sentence, or none), 84% a paragraph, 4% very long (2,000 to 10,000
    /// characters, well under the 20,000 limit). Sentences follow a shuffled order of the templates, so a
    /// paragraph does not repeat one before it has used them all.
    /// </summary>
    public string? Description(bool offer, TechField field, IReadOnlyList<Concept> concepts)
    {
        var sentences = offer ? (_english ? OfferSentencesEn : OfferSentencesZh) : (_english ? NeedSentencesEn : NeedSentencesZh);
        var shape = rng.NextDouble();
        if (shape < 0.12)
        {
            return rng.NextDouble() < 0.3 ? null : Fill(sentences, field, concepts, quote: false);
        }

        var text = new StringBuilder();
        var target = shape < 0.96 ? 0 : rng.Next(2_000, 10_000);
        var count = shape < 0.96 ? rng.Next(3, 8) : int.MaxValue;
        var order = Enumerable.Range(0, sentences.Length).ToArray();
        for (var i = 0; i < count && (target == 0 || text.Length < target); i++)
        {
            if (i % order.Length == 0)
            {
                rng.Shuffle(order);
            }

            if (i > 0 && _english)
            {
                text.Append(' ');
            }

            text.Append(Fill([sentences[order[i % order.Length]]], field, concepts, quote: false));
        }

        return text.ToString();
    }

    /// <summary>
    /// Keywords: a few of the item's concepts in its language (none for 8% of items), sometimes a general word,
    /// and for some Chinese items the English spelling too, as Chinese listings often give.
    /// </summary>
    public string[] Keywords(IReadOnlyList<Concept> concepts, int min, int max)
    {
        if (rng.NextDouble() < 0.08)
        {
            return [];
        }

        var keywords = new List<string>();
        var n = Math.Min(concepts.Count, rng.Next(min, max + 1));
        for (var i = 0; i < n; i++)
        {
            keywords.Add(concepts[i].In(language));
        }

        if (rng.NextDouble() < 0.3)
        {
            keywords.Add(Pick(Vocabulary.General).In(language));
        }

        if (!_english && rng.NextDouble() < 0.3)
        {
            keywords.Add(concepts[0].English);
        }

        return keywords.Distinct(StringComparer.Ordinal).ToArray();
    }

    private string Fill(string[] templates, TechField field, IReadOnlyList<Concept> concepts, bool quote)
    {
        var template = templates[rng.Next(templates.Length)];
        var general = Vocabulary.General;
        var a = Next(field, concepts);
        var b = Next(field, concepts);
        var g = Pick(general);
        var g2 = Pick(general);
        var mode = rng.Next(4);
        // A title quotes concepts as written; a description may misspell them.
        return string.Format(
            CultureInfo.InvariantCulture,
            template,
            quote ? a.In(language) : Say(a),
            quote ? b.In(language) : Say(b),
            g.In(language),
            g2.In(language),
            rng.Next(2, 13),
            rng.Next(10, 61),
            field.Name.In(language),
            Pick(Vocabulary.CompanyKinds).In(language),
            _english ? ModeNamesEn[mode] : ModeNamesZh[mode]);
    }

    /// <summary>The item's concepts in turn, with an occasional other concept of the field (texts wander).</summary>
    private Concept Next(TechField field, IReadOnlyList<Concept> concepts)
    {
        if (concepts.Count == 0 || rng.NextDouble() < 0.15)
        {
            return Pick(field.Concepts);
        }

        return concepts[_cursor++ % concepts.Count];
    }

    private string Say(Concept concept) =>
        typos && rng.NextDouble() < 0.3 ? Typo(concept.English) : concept.In(language);

    /// <summary>One slip of the keyboard in one longer word: two letters swapped, one dropped or one doubled.</summary>
    private string Typo(string text)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5 && words[i].All(char.IsAsciiLetter)).ToArray();
        if (candidates.Length == 0)
        {
            return text;
        }

        var w = candidates[rng.Next(candidates.Length)];
        var chars = words[w].ToCharArray().ToList();
        var p = rng.Next(1, chars.Count - 1);
        switch (rng.Next(3))
        {
            case 0:
                (chars[p], chars[p + 1]) = (chars[p + 1], chars[p]);
                break;
            case 1:
                chars.RemoveAt(p);
                break;
            default:
                chars.Insert(p, chars[p]);
                break;
        }

        words[w] = new string(chars.ToArray());
        return string.Join(' ', words);
    }

    private T Pick<T>(IReadOnlyList<T> list) => list[rng.Next(list.Count)];

    private static string Capitalize(string s) =>
        s.Length > 0 && char.IsAsciiLetterLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;
}
