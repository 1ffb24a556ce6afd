using System.Numerics;

namespace Matching.Ranking;

/// <summary>Sparse vectors as parallel arrays of ascending slots and weights.</summary>
public static class Sparse
{
    /// <summary>
    /// The dot product, by a merge over the two sorted slot lists, summed in slot order in single precision: of two
    /// vectors' floats, or of two text profiles' half-precision weights.
    /// </summary>
    public static float Dot<T>(ReadOnlySpan<int> aSlots, ReadOnlySpan<T> aWeights, ReadOnlySpan<int> bSlots, ReadOnlySpan<T> bWeights)
        where T : IBinaryFloatingPointIeee754<T>
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < aSlots.Length && j < bSlots.Length)
        {
            if (aSlots[i] == bSlots[j])
            {
                sum += float.CreateTruncating(aWeights[i++]) * float.CreateTruncating(bWeights[j++]);
            }
            else if (aSlots[i] < bSlots[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary><see cref="Dot{T}(ReadOnlySpan{int}, ReadOnlySpan{T}, ReadOnlySpan{int}, ReadOnlySpan{T})"/> of floats with the second vector's weights as <see cref="QuantizedWeight"/> codes and the first's rounded to codes as read (<see cref="QuantizedWeight.Round(float)"/>): one number from either side of a pair.</summary>
    public static float Dot(ReadOnlySpan<int> aSlots, ReadOnlySpan<float> aWeights, ReadOnlySpan<int> bSlots, ReadOnlySpan<ushort> bCodes)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < aSlots.Length && j < bSlots.Length)
        {
            if (aSlots[i] == bSlots[j])
            {
                sum += QuantizedWeight.Round(aWeights[i++]) * QuantizedWeight.Decode(bCodes[j++]);
            }
            else if (aSlots[i] < bSlots[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
