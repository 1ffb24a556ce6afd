using System.Numerics;

namespace Matching.Ranking;

/// <summary>
/// The features of a (need, offer) pair that the learned ranker reads, each with a name so that a model's
/// metadata, its feature importance and a feedback record can say what it weighed. A pair has the same features
/// whichever side asks, so a need's shortlist and an offer's agree on every pair's score.
/// The first feature (the first phase's similarity), the three with other length normalizations and the share through
/// translation read the tenant's statistics snapshot; the others depend on the two items and the text model only.
/// Either way a pair's features change only with a new snapshot or model, so a kept shortlist can equal a fresh one.
/// </summary>
public static class PairFeatures
{
    /// <summary>The features in the order of the vector, as models record them.</summary>
    public static readonly string[] Names =
    [
        "similarity",     // the first phase's score: BM25 of the need's terms in the offer (Bm25), in [0, 1)
        "title",          // cosine of the two titles
        "offerTitle",     // the need's text against the offer's title: vague needs still name what they want
        "needTitle",      // the need's title against the offer's text
        "keywords",       // cosine of the two keyword lists
        "bm25",           // BM25 of the need's terms in the offer's text, as a share of the most it could be
        "keywordOverlap", // Jaccard overlap of the keyword terms
        "fieldMatch",     // 1 same field/industry, 0 different, 0.5 unknown
        "trlGap",         // offer TRL minus the need's minimum, when both are stated
        "trlStated",      // how many sides state a TRL (0..2)
        "modeOverlap",    // share of the need's accepted modes the offer offers (1 when the need names none)
        "sameCountry",    // 1 same country, 0 cross-border, 0.5 unknown
        "crossLanguage",  // 1 when one text is Chinese and the other English
        "needLength",     // log(1 + terms) of the need
        "offerLength",    // log(1 + terms) of the offer
        "keywordCoverage", // share (by IDF) of the need's keyword terms found anywhere in the offer's text
        "titleCoverage",  // share (by IDF) of the need's title terms found anywhere in the offer's text
        "similarityNoLength",    // the similarity with no length normalization (BM25's b = 0)
        "similarityLightLength", // with light length normalization (b = 0.3)
        "similarityFullLength",  // with full length normalization (b = 1); the similarity itself has b = 0.75
        "translationShare", // share of the similarity the need's translated terms gave (0 same words only, 1 translation only)
        "zhToEn",           // 1 when a Chinese need meets an English offer (crossLanguage says either direction)
        "enToZh",           // 1 when an English need meets a Chinese offer
    ];

    /// <summary>How many features a pair has (the length of <see cref="Names"/>).</summary>
    public const int Width = 23;

    /// <summary>How many features a pair has.</summary>
    public static int Count => Width;

    private const float K1 = 1.2f;
    private const float B = 0.75f;

    /// <summary>BM25's b of the last three features: which length normalization suits a collection is learned, not fixed.</summary>
    private static readonly float[] LengthNormalizations = [0f, 0.3f, 1f];

    /// <summary>
    /// The features of a pair, given the first phase's similarity (which the caller already has) and the statistics
    /// snapshot it was computed under.
    /// </summary>
    public static float[] Compute(PairSide need, PairSide offer, float similarity, TextModel model, TermStatistics statistics)
    {
        var features = new float[Names.Length];
        Compute(need, offer, similarity, model, statistics, features);
        return features;
    }

    /// <summary>Writes the features of a pair into <paramref name="features"/> (length <see cref="Count"/>).</summary>
    public static void Compute(PairSide need, PairSide offer, float similarity, TextModel model, TermStatistics statistics, Span<float> features)
    {
        var (n, o) = (need.Text, offer.Text);
        features[0] = similarity;
        features[1] = Sparse.Dot(n.TitleSlots, n.TitleWeights, o.TitleSlots, o.TitleWeights);
        features[2] = Sparse.Dot(n.Slots, n.Weights, o.TitleSlots, o.TitleWeights);
        features[3] = Sparse.Dot(n.TitleSlots, n.TitleWeights, o.Slots, o.Weights);
        features[4] = Sparse.Dot(n.KeywordSlots, n.KeywordWeights, o.KeywordSlots, o.KeywordWeights);
        features[5] = ModelBm25(n, o, model);
        features[6] = Jaccard(n.KeywordSlots, o.KeywordSlots);
        features[7] = need.Facts.Domain is null || offer.Facts.Domain is null ? 0.5f
            : string.Equals(need.Facts.Domain, offer.Facts.Domain, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        features[8] = need.Facts.MinTrl > 0 && offer.Facts.Trl > 0 ? offer.Facts.Trl - need.Facts.MinTrl : 0;
        features[9] = (need.Facts.MinTrl > 0 ? 1 : 0) + (offer.Facts.Trl > 0 ? 1 : 0);
        features[10] = need.Facts.Modes == TransferModes.None ? 1
            : offer.Facts.Modes == TransferModes.None ? 0.5f
            : (float)BitOperations.PopCount((uint)(need.Facts.Modes & offer.Facts.Modes)) / BitOperations.PopCount((uint)need.Facts.Modes);
        features[11] = need.Facts.Country is null || offer.Facts.Country is null ? 0.5f
            : need.Facts.Country == offer.Facts.Country ? 1 : 0;
        features[12] = n.Language != Language.Unknown && o.Language != Language.Unknown && n.Language != o.Language ? 1 : 0;
        features[13] = MathF.Log(1 + n.Length);
        features[14] = MathF.Log(1 + o.Length);
        features[15] = Coverage(n.KeywordSlots, o.Slots, model);
        features[16] = Coverage(n.TitleSlots, o.Slots, model);
        Bm25.Scores(n, o, statistics, LengthNormalizations, features[17..20]);
        features[20] = Bm25.TranslatedShare(n, o, statistics);
        features[21] = n.Language == Language.Chinese && o.Language == Language.English ? 1 : 0;
        features[22] = n.Language == Language.English && o.Language == Language.Chinese ? 1 : 0;
    }

    /// <summary>
    /// The share, weighted by IDF, of <paramref name="query"/>'s terms that <paramref name="text"/> contains: how much
    /// of what the need names explicitly the offer talks about at all, however long the offer is.
    /// </summary>
    private static float Coverage(int[] query, int[] text, TextModel model)
    {
        float found = 0, total = 0;
        int j = 0;
        foreach (var slot in query)
        {
            var idf = model.Idf(slot);
            total += idf;
            while (j < text.Length && text[j] < slot)
            {
                j++;
            }

            if (j < text.Length && text[j] == slot)
            {
                found += idf;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    /// <summary>
    /// BM25 of the need's distinct terms in the offer's text, divided by the most those terms could score
    /// (every term present at saturation), so that long and short needs compare.
    /// </summary>
    private static float ModelBm25(TextProfile need, TextProfile offer, TextModel model)
    {
        if (need.Slots.Length == 0 || offer.Frequencies.Length == 0)
        {
            return 0;
        }

        var norm = K1 * (1 - B + (B * offer.Length / model.AverageLength));
        float score = 0, best = 0;
        int i = 0, j = 0;
        for (; i < need.Slots.Length; i++)
        {
            var idf = model.Idf(need.Slots[i]);
            best += idf;
            while (j < offer.Slots.Length && offer.Slots[j] < need.Slots[i])
            {
                j++;
            }

            if (j < offer.Slots.Length && offer.Slots[j] == need.Slots[i])
            {
                var tf = (float)offer.Frequencies[j];
                score += idf * tf * (K1 + 1) / (tf + norm);
            }
        }

        return best == 0 ? 0 : score / (best * (K1 + 1));
    }

    private static float Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int shared = 0, i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (float)shared / (a.Length + b.Length - shared);
    }
}
