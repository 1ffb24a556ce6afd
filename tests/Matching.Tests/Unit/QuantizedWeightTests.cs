using Matching.Ranking;

namespace Matching.Tests.Unit;

public sealed class QuantizedWeightTests
{
    [Fact]
    public void A_weight_reads_back_within_half_a_step_and_a_positive_one_never_as_zero()
    {
        var random = new Random(1);
        float[] weights = [0, 1, 1e-9f, QuantizedWeight.Step / 3, .. Enumerable.Range(0, 10_000).Select(_ => (float)random.NextDouble())];

        var codes = QuantizedWeight.Encode(weights);

        for (var i = 0; i < weights.Length; i++)
        {
            var back = QuantizedWeight.Decode(codes[i]);
            Assert.True(weights[i] == 0 ? back == 0 : back > 0);
            Assert.True(Math.Abs(back - weights[i]) <= QuantizedWeight.Step, $"{weights[i]} read back as {back}");
        }

        Assert.Equal(1f, QuantizedWeight.Decode(codes[1]));
        var rounded = QuantizedWeight.Round(weights);
        Assert.Equal(rounded, QuantizedWeight.Round(rounded)); // rounding twice is rounding once
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void A_weight_outside_0_to_1_is_refused(float weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizedWeight.Encode([0.5f, weight]));

    [Fact]
    public void A_dot_product_with_codes_is_within_the_steps_of_the_float_one()
    {
        var random = new Random(2);
        for (var round = 0; round < 200; round++)
        {
            var (aSlots, aWeights) = Vector(random);
            var (bSlots, bWeights) = Vector(random);

            var exact = Sparse.Dot(aSlots, aWeights, bSlots, bWeights);
            var coded = Sparse.Dot(aSlots, aWeights, bSlots, QuantizedWeight.Encode(bWeights));

            Assert.True(Math.Abs(exact - coded) <= (aWeights.Sum() * QuantizedWeight.Step) + 1e-6f, $"{exact} against {coded}");
        }
    }

    [Fact]
    public void A_pair_scores_the_same_from_either_side()
    {
        // A need's query against an offer and the offer's reach into the need must give one number: kept equals fresh.
        var random = new Random(3);
        for (var round = 0; round < 500; round++)
        {
            var (needSlots, needWeights) = Vector(random);
            var (offerSlots, offerWeights) = Vector(random);

            var asQuery = Sparse.Dot(needSlots, QuantizedWeight.Round(needWeights), offerSlots, QuantizedWeight.Encode(offerWeights));
            var asReach = Sparse.Dot(offerSlots, QuantizedWeight.Round(offerWeights), needSlots, QuantizedWeight.Encode(needWeights));

            Assert.Equal(BitConverter.SingleToInt32Bits(asQuery), BitConverter.SingleToInt32Bits(asReach));
        }
    }

    private static (int[] Slots, float[] Weights) Vector(Random random)
    {
        var slots = Enumerable.Range(0, random.Next(1, 80)).Select(_ => random.Next(200)).Distinct().Order().ToArray();
        return (slots, [.. slots.Select(_ => (float)random.NextDouble())]);
    }
}
