using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class Bm25Tests
{
    private static readonly TermStatistics Statistics = Corpus();

    [Fact]
    public void A_need_weighs_rare_terms_more_and_its_weights_sum_to_one()
    {
        var weights = Bm25.NeedWeights([1, 2], Halves(1, 1), Statistics);

        Assert.True(weights[1] > weights[0]); // slot 2 is in one offer, slot 1 in all four
        Assert.Equal(1, weights.Sum(), precision: 5);
    }

    [Fact]
    public void An_offer_saturates_repeated_terms_and_normalizes_by_length()
    {
        var once = Bm25.OfferWeights(Halves(1), 10, Statistics)[0];
        var twice = Bm25.OfferWeights(Halves(2), 10, Statistics)[0];
        var longer = Bm25.OfferWeights(Halves(1), 40, Statistics)[0];

        Assert.True(twice > once);
        Assert.True(twice < 2 * once);
        Assert.True(longer < once);
        Assert.True(twice < 1);
    }

    [Fact]
    public void A_pair_scores_the_okapi_formula_in_the_unit_interval()
    {
        // Need: slots 1 and 2 once each; offer: slot 2 twice, length 10 (the mean).
        var need = Bm25.NeedWeights([1, 2], Halves(1, 1), Statistics);
        var offer = Bm25.OfferWeights(Halves(2), 10, Statistics);
        var score = need[1] * offer[0];

        var (idf1, idf2) = (Statistics.Idf(1), Statistics.Idf(2));
        var okapi = idf2 * 2 * (Bm25.K1 + 1) / (2 + Bm25.K1);
        Assert.Equal(okapi / ((idf1 + idf2) * (Bm25.K1 + 1)), score, precision: 5);
        Assert.InRange(score, 0, 1);
    }

    [Fact]
    public void Scores_under_the_first_phase_normalization_equal_the_indexed_score()
    {
        var need = Profile([1, 2], [1, 1], length: 2);
        var offer = Profile([2, 5], [2, 1], length: 40);
        var scores = new float[3];

        Bm25.Scores(need, offer, Statistics, [Bm25.B, 0, 1], scores);

        var indexed = Bm25.NeedWeights(need.Slots, need.Frequencies, Statistics)[1] * Bm25.OfferWeights(offer.Frequencies, offer.Length, Statistics)[0];
        Assert.Equal(indexed, scores[0], precision: 5);
        Assert.True(scores[1] > scores[0] && scores[0] > scores[2], "a long offer loses more the more length counts");
    }

    [Fact]
    public void Without_length_normalization_a_long_offer_scores_as_a_short_one()
    {
        var need = Profile([2], [1], length: 1);
        var scores = new float[2];
        Bm25.Scores(need, Profile([2], [1], length: 5), Statistics, [0], scores.AsSpan(0, 1));
        Bm25.Scores(need, Profile([2], [1], length: 500), Statistics, [0], scores.AsSpan(1, 1));

        Assert.Equal(scores[0], scores[1]);
        Assert.InRange(scores[0], 0.01f, 1);
    }

    [Fact]
    public void Without_statistics_every_term_weighs_the_same()
    {
        Assert.Equal([0.5f, 0.5f], Bm25.NeedWeights([1, 2], Halves(1, 1), TermStatistics.Empty));
    }

    private static TextProfile Profile(int[] slots, float[] frequencies, int length) =>
        new(slots, new Half[slots.Length], Halves(frequencies), length, [], [], [], [], Language.English);

    private static Half[] Halves(params float[] values) => TextProfile.Halves(values);

    private static TermStatistics Corpus()
    {
        var counts = new CorpusStatistics();
        counts.Add([1, 2], 10);
        counts.Add([1], 10);
        counts.Add([1], 10);
        counts.Add([1], 10);
        return counts.Snapshot(1);
    }
}
