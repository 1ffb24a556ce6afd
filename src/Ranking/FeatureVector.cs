namespace Matching.Ranking;

/// <summary>
/// A text as a sparse unit vector over hashed term slots (slots ascending), with the text's own spelling of
/// each slot's strongest term, so that a match can be explained in the words of the text.
/// </summary>
public sealed class FeatureVector
{
    /// <summary>The vector of a text with no terms.</summary>
    public static readonly FeatureVector Empty = new([], [], [], []);

    public FeatureVector(int[] slots, float[] weights, string[] surfaces, TermKind[] kinds)
    {
        Slots = slots;
        Weights = weights;
        Surfaces = surfaces;
        Kinds = kinds;
    }

    /// <summary>Hashed term slots, ascending.</summary>
    public int[] Slots { get; }

    /// <summary>TF-IDF weights, L2-normalized, aligned with <see cref="Slots"/>.</summary>
    public float[] Weights { get; }

    /// <summary>The spelling of each slot in this text.</summary>
    public string[] Surfaces { get; }

    /// <summary>The kind of each slot's term.</summary>
    public TermKind[] Kinds { get; }

    /// <summary>Cosine similarity with another unit vector.</summary>
    public float Dot(ReadOnlySpan<int> slots, ReadOnlySpan<float> weights) => Sparse.Dot(Slots, Weights, slots, weights);

    /// <summary>The index of <paramref name="slot"/>, or a negative number.</summary>
    public int IndexOf(int slot) => Array.BinarySearch(Slots, slot);
}

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
}
