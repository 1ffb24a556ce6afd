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
