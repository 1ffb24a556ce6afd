namespace Matching.Ranking;

/// <summary>
/// The first phase's score of a (need, offer) pair: Okapi BM25 with the need as the query and the offer as the
/// document, under one <see cref="TermStatistics"/> snapshot, written as the dot product of two sparse vectors
/// so that an inverted index computes it in either direction (a need's offers, an offer's needs) and gets the same
/// number. The need's weights are IDF times its term frequency, divided by their sum; the offer's are BM25's
/// saturated, length-normalized term frequency divided by k1 + 1. So a score is in [0, 1): the share of the need's
/// IDF mass the offer covers, at saturation.
/// </summary>
public static class Bm25
{
    /// <summary>Term-frequency saturation (Robertson's k1).</summary>
    public const float K1 = 1.2f;

    /// <summary>Length normalization (Robertson's b).</summary>
    public const float B = 0.75f;

    /// <summary>A need's weights: IDF times frequency, summing to 1.</summary>
    public static float[] NeedWeights(ReadOnlySpan<int> slots, ReadOnlySpan<Half> frequencies, TermStatistics statistics)
    {
        var weights = new float[slots.Length];
        double sum = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            weights[i] = statistics.Idf(slots[i]) * (float)frequencies[i];
            sum += weights[i];
        }

        if (sum > 0)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)(weights[i] / sum);
            }
        }

        return weights;
    }

    /// <summary>An offer's weights: tf / (tf + k1 (1 - b + b length / mean length)), each below 1.</summary>
    public static float[] OfferWeights(ReadOnlySpan<Half> frequencies, int length, TermStatistics statistics)
    {
        // Before any offer is counted there is no mean length to normalize by.
        var norm = statistics.AverageLength > 0 ? K1 * (1 - B + (B * length / statistics.AverageLength)) : K1;
        var weights = new float[frequencies.Length];
        for (var i = 0; i < frequencies.Length; i++)
        {
            var tf = (float)frequencies[i];
            weights[i] = tf / (tf + norm);
        }

        return weights;
    }

    /// <summary>
    /// The pair's score as the first phase computes it, once for each length normalization in <paramref name="bs"/>
    /// (b = 0: none; 1: in full), straight from the two profiles: the second phase's view of how much length should count.
    /// </summary>
    public static void Scores(TextProfile need, TextProfile offer, TermStatistics statistics, ReadOnlySpan<float> bs, Span<float> scores)
    {
        scores.Clear();
        Span<float> norms = stackalloc float[bs.Length];
        for (var k = 0; k < bs.Length; k++)
        {
            norms[k] = statistics.AverageLength > 0 ? K1 * (1 - bs[k] + (bs[k] * offer.Length / statistics.AverageLength)) : K1;
        }

        double mass = 0;
        var j = 0;
        for (var i = 0; i < need.Slots.Length; i++)
        {
            var weight = statistics.Idf(need.Slots[i]) * (float)need.Frequencies[i];
            mass += weight;
            while (j < offer.Slots.Length && offer.Slots[j] < need.Slots[i])
            {
                j++;
            }

            if (j < offer.Slots.Length && offer.Slots[j] == need.Slots[i])
            {
                var tf = (float)offer.Frequencies[j];
                for (var k = 0; k < bs.Length; k++)
                {
                    scores[k] += weight * tf / (tf + norms[k]);
                }
            }
        }

        for (var k = 0; k < bs.Length && mass > 0; k++)
        {
            scores[k] = (float)(scores[k] / mass);
        }
    }

    /// <summary>
    /// The share of the pair's score (b = <see cref="B"/>) that the need's translated slots
    /// (<see cref="TextProfile.Translated"/>) gave: how much of a match went through the dictionary.
    /// </summary>
    public static float TranslatedShare(TextProfile need, TextProfile offer, TermStatistics statistics)
    {
        if (need.Translated.Length == 0)
        {
            return 0;
        }

        var norm = statistics.AverageLength > 0 ? K1 * (1 - B + (B * offer.Length / statistics.AverageLength)) : K1;
        double all = 0, translated = 0;
        var j = 0;
        for (var i = 0; i < need.Slots.Length; i++)
        {
            while (j < offer.Slots.Length && offer.Slots[j] < need.Slots[i])
            {
                j++;
            }

            if (j < offer.Slots.Length && offer.Slots[j] == need.Slots[i])
            {
                var tf = (float)offer.Frequencies[j];
                var part = statistics.Idf(need.Slots[i]) * (float)need.Frequencies[i] * tf / (tf + norm);
                all += part;
                if (Array.BinarySearch(need.Translated, need.Slots[i]) >= 0)
                {
                    translated += part;
                }
            }
        }

        return all > 0 ? (float)(translated / all) : 0;
    }
}
