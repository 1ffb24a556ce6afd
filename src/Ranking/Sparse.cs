namespace Matching.Ranking;

/// <summary>Sparse vectors as parallel arrays of ascending slots and weights.</summary>
public static class Sparse
{
    /// <summary>The dot product, by a merge over the two sorted slot lists, summed in slot order.</summary>
    public static float Dot(ReadOnlySpan<int> aSlots, ReadOnlySpan<float> aWeights, ReadOnlySpan<int> bSlots, ReadOnlySpan<float> bWeights)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < aSlots.Length && j < bSlots.Length)
        {
            if (aSlots[i] == bSlots[j])
            {
                sum += aWeights[i++] * bWeights[j++];
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

    /// <summary><see cref="Dot(ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float})"/> of two profiles' half-precision weights.</summary>
    public static float Dot(ReadOnlySpan<int> aSlots, ReadOnlySpan<Half> aWeights, ReadOnlySpan<int> bSlots, ReadOnlySpan<Half> bWeights)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < aSlots.Length && j < bSlots.Length)
        {
            if (aSlots[i] == bSlots[j])
            {
                sum += (float)aWeights[i++] * (float)bWeights[j++];
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

    /// <summary><see cref="Dot(ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float})"/> with the second vector's weights as <see cref="QuantizedWeight"/> codes and the first's rounded to codes as read (<see cref="QuantizedWeight.Round(float)"/>): one number from either side of a pair.</summary>
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
