namespace Matching.Ranking;

/// <summary>
/// An index weight in [0, 1] as a 16-bit fixed-point number (steps of 1/65,535): half the memory of a float, and
/// read back as one float by every path that scores with it, on the document's side and the query's, so that a
/// query, a reach and a rescoring of the same pair agree to the bit. A positive weight never becomes 0 (a zero would read as "no such term").
/// </summary>
public static class QuantizedWeight
{
    /// <summary>The weight one step stands for.</summary>
    public const float Step = 1f / ushort.MaxValue;

    /// <summary>The 16-bit codes of weights in [0, 1].</summary>
    public static ushort[] Encode(ReadOnlySpan<float> weights)
    {
        var codes = new ushort[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (!(w is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, "An index weight must be in [0, 1].");
            }

            codes[i] = w == 0 ? (ushort)0 : (ushort)Math.Max(1, MathF.Round(w * ushort.MaxValue));
        }

        return codes;
    }

    /// <summary>
    /// Weights as their codes read back. A query's weights are taken this way too: a pair is scored from either side
    /// (a need's query against an offer, an offer's reach into needs), and only codes on both sides make it one number.
    /// </summary>
    public static float[] Round(ReadOnlySpan<float> weights)
    {
        var codes = Encode(weights);
        var rounded = new float[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            rounded[i] = Decode(codes[i]);
        }

        return rounded;
    }

    /// <summary>The weight a code stands for.</summary>
    public static float Decode(ushort code) => code * Step;
}
