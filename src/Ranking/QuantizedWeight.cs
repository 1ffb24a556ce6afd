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
            codes[i] = Encode(weights[i]);
        }

        return codes;
    }

    /// <summary>The 16-bit code of a weight in [0, 1].</summary>
    public static ushort Encode(float weight) =>
        weight is >= 0 and <= 1
            ? weight == 0 ? (ushort)0 : (ushort)Math.Max(1, MathF.Round(weight * ushort.MaxValue))
            : throw new ArgumentOutOfRangeException(nameof(weight), weight, "An index weight must be in [0, 1].");

    /// <summary>
    /// Weights as their codes read back. A query's weights are taken this way too: a pair is scored from either side
    /// (a need's query against an offer, an offer's reach into needs), and only codes on both sides make it one number.
    /// Rounding a rounded weight changes nothing.
    /// </summary>
    public static float[] Round(ReadOnlySpan<float> weights)
    {
        var rounded = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            rounded[i] = Round(weights[i]);
        }

        return rounded;
    }

    /// <summary>A weight as its code reads back.</summary>
    public static float Round(float weight) => Decode(Encode(weight));

    /// <summary>The weight a code stands for.</summary>
    public static float Decode(ushort code) => code * Step;
}
