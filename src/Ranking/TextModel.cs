using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Matching.Ranking;

/// <summary>
/// The text featurizer: terms from <see cref="TextAnalyzer"/>, hashed into slots by ML.NET's hashing
/// transform, weighted by TF-IDF and normalized. Hashing (rather than a learned dictionary) is what lets a term
/// that no training text contains still match: it gets a slot like any other, and the highest IDF.
/// IDF comes from the model's training corpus and is fixed per model version, so a pair's score depends on the
/// two items and the model only, never on what else is indexed: a kept shortlist can equal a fresh one exactly.
/// </summary>
public sealed class TextModel
{
    /// <summary>Hash width: 2^20 slots keep collisions rare for a technical vocabulary.</summary>
    public const int DefaultBits = 20;

    /// <summary>The strongest terms an item keeps; bounds index memory and query work per item.</summary>
    public const int MaxTerms = 256;

    private const float TitleBoost = 2f;
    private const float KeywordBoost = 2f;
    private const float DescriptionBoost = 1f;

    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _hasher;
    private readonly ObjectPool<PredictionEngine<TokensRow, SlotsRow>> _engines;
    private readonly float[] _idf;
    private readonly float _commonIdf;

    private TextModel(string version, int bits, int documents, float[] idf, ITransformer? hasher)
    {
        Version = version;
        _idf = idf;
        _hasher = hasher ?? _ml.Transforms.Conversion.Hash(nameof(SlotsRow.Slots), nameof(TokensRow.Tokens), numberOfBits: bits)
            .Fit(_ml.Data.LoadFromEnumerable(Array.Empty<TokensRow>(), TokensRow.Schema()));
        _engines = new DefaultObjectPool<PredictionEngine<TokensRow, SlotsRow>>(new EnginePolicy(this), Environment.ProcessorCount * 2);
        UnseenIdf = Idf(documents, 0);
        _commonIdf = Idf(documents, (int)(documents * MaxTranslatedDocumentShare));
    }

    /// <summary>The model version that shortlists report.</summary>
    public string Version { get; }

    /// <summary>The IDF of a term no training document contains: the highest there is.</summary>
    public float UnseenIdf { get; }

    /// <summary>Learns IDF from a corpus. Deterministic: the same corpus gives the same model.</summary>
    public static TextModel Train(IEnumerable<ItemText> corpus, string version, int bits = DefaultBits)
    {
        var model = new TextModel(version, bits, 0, [], null);
        var df = new int[1 << bits];
        var documents = 0;
        long length = 0;
        var terms = new List<Term>();
        foreach (var text in corpus)
        {
            documents++;
            terms.Clear();
            foreach (var slot in model.HashTerms(text, terms, null, out _, out _).Distinct())
            {
                df[slot]++;
            }

            length += terms.Count;
        }

        var idf = new float[df.Length];
        for (var i = 0; i < df.Length; i++)
        {
            idf[i] = Idf(documents, df[i]);
        }

        return new TextModel(version, bits, documents, idf, model._hasher) { AverageLength = documents == 0 ? 1 : Math.Max(1, (float)length / documents) };
    }

    /// <summary>Source terms of a need that are translated: its strongest words and phrases.</summary>
    public const int MaxTranslatedSources = 12;

    /// <summary>Slots a need gains through translation, the strongest kept: bounds index memory and reach per need.</summary>
    public const int MaxTranslations = 24;

    /// <summary>A translation into a word more common than this share of the training documents is dropped: its long
    /// posting list costs every propagation and sweep far more than its weak evidence gives.</summary>
    public const float MaxTranslatedDocumentShare = 0.05f;

    /// <summary>What the two phases read of an item's text (see <see cref="TextProfile"/>).</summary>
    public TextProfile Profile(ItemText text) => Profile(text, out _);

    /// <summary>
    /// What the two phases read of an item's text (see <see cref="TextProfile"/>), and the whole text's vector in the
    /// text's own words, which reasons quote. Title and keywords weigh twice the description.
    /// </summary>
    public TextProfile Profile(ItemText text, out FeatureVector vector) => Profile(text, translate: false, out vector);

    /// <summary>A need's profile: an item's, plus its words in the other language (see <see cref="NeedProfile(ItemText, out FeatureVector)"/>).</summary>
    public TextProfile NeedProfile(ItemText text) => NeedProfile(text, out _);

    /// <summary>
    /// A need's profile: its own terms, then its strongest words and phrases translated through
    /// <see cref="BilingualDictionary"/>, each candidate weighing <see cref="CrossLingual.Weight"/> of its source split
    /// among the candidates. Only needs are translated: BM25 here is a dot product of a need's weights and an offer's,
    /// so a translated need meets the other language's offers whichever side asks, and offers' profiles do not grow.
    /// The translations have no TF-IDF weight: the cosine features stay in each text's own words.
    /// </summary>
    public TextProfile NeedProfile(ItemText text, out FeatureVector vector) => Profile(text, translate: true, out vector);

    private TextProfile Profile(ItemText text, bool translate, out FeatureVector vector)
    {
        // One analysis serves the three vectors: the title's terms come first, then the keywords'.
        var (terms, boosts, slots, titleEnd, keywordsEnd) = Analyze(text);
        vector = Build(terms, boosts, slots, 0, terms.Count, out var frequencies);
        var title = Build(terms, boosts, slots, 0, titleEnd, out _);
        var keywords = Build(terms, boosts, slots, titleEnd, keywordsEnd, out _);
        int[] translated = [];
        if (translate)
        {
            (vector, frequencies, translated) = Translate(vector, frequencies);
        }

        return new TextProfile(vector.Slots, TextProfile.Halves(vector.Weights), TextProfile.Halves(frequencies), terms.Count,
            title.Slots, TextProfile.Halves(title.Weights), keywords.Slots, TextProfile.Halves(keywords.Weights),
            Languages.Detect(text)) { Translated = translated };
    }

    /// <summary>Adds the translations of the vector's strongest words and phrases as slots of their own.</summary>
    private (FeatureVector Vector, float[] Frequencies, int[] Translated) Translate(FeatureVector own, float[] frequencies)
    {
        var keys = new List<string>();
        var shares = new List<float>();
        var surfaces = new List<string>();
        var sources = Enumerable.Range(0, own.Slots.Length)
            .Where(i => own.Kinds[i] != TermKind.Gram)
            .OrderByDescending(i => own.Weights[i]).ThenBy(i => own.Slots[i])
            .Take(MaxTranslatedSources);
        foreach (var i in sources)
        {
            var candidates = CrossLingual.Candidates(own.Surfaces[i]);
            foreach (var target in candidates)
            {
                // An ambiguous term splits its weight among its candidates, and a candidate among its terms.
                var targetTerms = CrossLingual.TermsOf(target);
                var surface = own.Surfaces[i] + CrossLingual.Separator + target;
                foreach (var term in targetTerms)
                {
                    keys.Add(term.Key);
                    shares.Add(CrossLingual.Weight * frequencies[i] / candidates.Count / targetTerms.Length);
                    surfaces.Add(surface);
                }
            }
        }

        if (keys.Count == 0)
        {
            return (own, frequencies, []);
        }

        var hashed = Hash(keys);
        var bySlot = new Dictionary<int, (float Frequency, float Best, int Term)>();
        for (var j = 0; j < hashed.Length; j++)
        {
            if (own.IndexOf(hashed[j]) >= 0 || IdfOf(hashed[j]) < _commonIdf)
            {
                continue; // the need has the word itself (it counts in full), or the word is too common to help
            }

            bySlot[hashed[j]] = bySlot.TryGetValue(hashed[j], out var seen)
                ? (seen.Frequency + shares[j], Math.Max(seen.Best, shares[j]), shares[j] > seen.Best ? j : seen.Term)
                : (shares[j], shares[j], j);
        }

        var added = bySlot
            .OrderByDescending(x => IdfOf(x.Key) * x.Value.Frequency).ThenBy(x => x.Key)
            .Take(MaxTranslations)
            .OrderBy(x => x.Key)
            .ToArray();
        var count = own.Slots.Length + added.Length;
        var (slots, weights, merged, kinds, texts) = (new int[count], new float[count], new float[count], new TermKind[count], new string[count]);
        int a = 0, b = 0;
        for (var k = 0; k < count; k++)
        {
            if (b == added.Length || (a < own.Slots.Length && own.Slots[a] < added[b].Key))
            {
                (slots[k], weights[k], merged[k], kinds[k], texts[k]) = (own.Slots[a], own.Weights[a], frequencies[a], own.Kinds[a], own.Surfaces[a]);
                a++;
            }
            else
            {
                var (slot, (frequency, _, term)) = (added[b].Key, added[b].Value);
                (slots[k], weights[k], merged[k], kinds[k], texts[k]) = (slot, 0f, frequency, TermKind.Translation, SharedStrings.Get(surfaces[term]));
                b++;
            }
        }

        return (new FeatureVector(slots, weights, texts, kinds), merged, added.Select(x => x.Key).ToArray());
    }

    /// <summary>The IDF of a slot under this model (the highest for a term no training document has).</summary>
    public float Idf(int slot) => IdfOf(slot);

    /// <summary>The mean number of terms of a training document: BM25's length normalization.</summary>
    public float AverageLength { get; private init; } = 1;

    /// <summary>The text's terms with their field boosts and slots, and where the title's and the keywords' terms end.</summary>
    private (List<Term> Terms, List<float> Boosts, int[] Slots, int TitleEnd, int KeywordsEnd) Analyze(ItemText text)
    {
        var terms = new List<Term>();
        var boosts = new List<float>();
        var slots = HashTerms(text, terms, boosts, out var titleEnd, out var keywordsEnd);
        return (terms, boosts, slots, titleEnd, keywordsEnd);
    }

    /// <summary>The vector of the terms from <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    private FeatureVector Build(List<Term> terms, List<float> boosts, int[] slots, int start, int end, out float[] frequencies)
    {
        var bySlot = new Dictionary<int, (float Tf, int Term)>();
        for (var i = start; i < end; i++)
        {
            var boost = boosts[i];
            if (bySlot.TryGetValue(slots[i], out var seen))
            {
                // Keep the most quotable spelling: a word over a phrase over a character bigram.
                var best = terms[i].Kind < terms[seen.Term].Kind ? i : seen.Term;
                bySlot[slots[i]] = (seen.Tf + boost, best);
            }
            else
            {
                bySlot[slots[i]] = (boost, i);
            }
        }

        var entries = bySlot
            .Select(x => (Slot: x.Key, Weight: KindFactor(terms[x.Value.Term].Kind) * IdfOf(x.Key) * (1 + MathF.Log(x.Value.Tf)), x.Value.Term, x.Value.Tf))
            .OrderByDescending(x => x.Weight).ThenBy(x => x.Slot)
            .Take(MaxTerms)
            .OrderBy(x => x.Slot)
            .ToArray();
        var norm = MathF.Sqrt(entries.Sum(x => x.Weight * x.Weight));
        if (norm == 0)
        {
            frequencies = [];
            return FeatureVector.Empty;
        }

        frequencies = entries.Select(x => KindFactor(terms[x.Term].Kind) * x.Tf).ToArray();
        return new FeatureVector(
            entries.Select(x => x.Slot).ToArray(),
            entries.Select(x => x.Weight / norm).ToArray(),
            entries.Select(x => SharedStrings.Get(terms[x.Term].Surface)).ToArray(),
            entries.Select(x => terms[x.Term].Kind).ToArray());
    }

    private float IdfOf(int slot) => slot < _idf.Length ? _idf[slot] : UnseenIdf;

    private static float KindFactor(TermKind kind) => kind switch
    {
        TermKind.Word => 1f,
        TermKind.Phrase => 0.7f,
        _ => 0.5f, // bigrams overlap the words they come from: count them, but less
    };

    /// <summary>BM25's IDF, always positive.</summary>
    private static float Idf(int documents, int df) => MathF.Log(1 + ((documents - df + 0.5f) / (df + 0.5f)));

    /// <summary>Analyzes the text into <paramref name="terms"/> (with each term's field boost) and returns each term's slot.</summary>
    private int[] HashTerms(ItemText text, List<Term> terms, List<float>? boosts, out int titleEnd, out int keywordsEnd)
    {
        var analyzer = TextAnalyzer.Shared;
        void Add(string? field, float boost)
        {
            analyzer.Analyze(field, terms);
            while (boosts is not null && boosts.Count < terms.Count)
            {
                boosts.Add(boost);
            }
        }

        Add(text.Title, TitleBoost);
        titleEnd = terms.Count;
        foreach (var keyword in text.Keywords)
        {
            Add(keyword, KeywordBoost);
        }

        keywordsEnd = terms.Count;
        Add(text.Description, DescriptionBoost);
        if (terms.Count == 0)
        {
            return [];
        }

        return Hash(terms.Select(t => t.Key).ToArray());
    }

    /// <summary>The slots of term keys, by ML.NET's hashing transform.</summary>
    private int[] Hash(IReadOnlyCollection<string> keys)
    {
        var engine = _engines.Get();
        try
        {
            var slots = engine.Predict(new TokensRow { Tokens = [.. keys] }).Slots;
            // ML.NET keys are 1-based; 0 would mean a missing value, which a non-empty token never is.
            return slots.Select(k => (int)k - 1).ToArray();
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class TokensRow
    {
        [VectorType]
        public string[] Tokens { get; set; } = [];

        public static SchemaDefinition Schema() => SchemaDefinition.Create(typeof(TokensRow));
    }

    private sealed class SlotsRow
    {
        [VectorType]
        public uint[] Slots { get; set; } = [];
    }

    private sealed class EnginePolicy(TextModel model) : PooledObjectPolicy<PredictionEngine<TokensRow, SlotsRow>>
    {
        public override PredictionEngine<TokensRow, SlotsRow> Create() =>
            model._ml.Model.CreatePredictionEngine<TokensRow, SlotsRow>(model._hasher);

        public override bool Return(PredictionEngine<TokensRow, SlotsRow> obj) => true;
    }
}
