namespace Matching.Ranking;

/// <summary>
/// A versioned snapshot of the offers' corpus statistics that BM25 reads: how many offers there are, their mean
/// length and each term slot's document frequency. Immutable: every score computed with one snapshot agrees, so
/// a kept shortlist can equal a fresh one exactly; the live counts (<see cref="CorpusStatistics"/>) are taken into
/// a new snapshot only when the corpus has drifted.
/// </summary>
public sealed class TermStatistics
{
    /// <summary>No statistics yet: every term weighs the same and lengths are not normalized.</summary>
    public static readonly TermStatistics Empty = new(0, 0, 0, [], []);

    private readonly int[] _slots;
    private readonly int[] _frequencies;
    // Each slot's IDF by slot, as TextModel keeps its own: a pair's features look up every need term's IDF, and a
    // binary search per term was most of their cost. At most 2^20 floats (the hash width): 4 MB per shard.
    private readonly float[] _idf;
    private readonly float _unseenIdf;

    /// <param name="version">Rises with every snapshot of one tenant.</param>
    /// <param name="documents">Offers counted.</param>
    /// <param name="totalLength">Their terms in all (<see cref="TextProfile.Length"/> summed).</param>
    /// <param name="slots">Slots that occur in at least one offer, ascending.</param>
    /// <param name="frequencies">How many offers each slot occurs in, aligned with <paramref name="slots"/>.</param>
    public TermStatistics(long version, long documents, long totalLength, int[] slots, int[] frequencies)
    {
        if (slots.Length != frequencies.Length)
        {
            throw new ArgumentException("slots and frequencies differ in length", nameof(frequencies));
        }

        Version = version;
        Documents = documents;
        TotalLength = totalLength;
        _slots = slots;
        _frequencies = frequencies;
        AverageLength = documents == 0 ? 0 : (float)((double)totalLength / documents);
        _unseenIdf = IdfOf(0);
        _idf = new float[slots.Length == 0 ? 0 : slots[^1] + 1];
        Array.Fill(_idf, _unseenIdf);
        for (var i = 0; i < slots.Length; i++)
        {
            _idf[slots[i]] = IdfOf(frequencies[i]);
        }
    }

    /// <summary>Rises with every snapshot of one tenant; 0 is <see cref="Empty"/>.</summary>
    public long Version { get; }

    /// <summary>Offers counted.</summary>
    public long Documents { get; }

    /// <summary>Their terms in all.</summary>
    public long TotalLength { get; }

    /// <summary>The offers' mean number of terms (0 when there are none).</summary>
    public float AverageLength { get; }

    /// <summary>Distinct slots counted.</summary>
    public int Terms => _slots.Length;

    /// <summary>Slots that occur in at least one offer, ascending.</summary>
    public ReadOnlySpan<int> Slots => _slots;

    /// <summary>Each slot's document frequency, aligned with <see cref="Slots"/>.</summary>
    public ReadOnlySpan<int> Frequencies => _frequencies;

    /// <summary>How many offers contain <paramref name="slot"/>.</summary>
    public int DocumentFrequency(int slot)
    {
        var i = Array.BinarySearch(_slots, slot);
        return i >= 0 ? _frequencies[i] : 0;
    }

    /// <summary>BM25's IDF, always positive: rarer terms weigh more, and a term no offer has weighs most.</summary>
    public float Idf(int slot) => slot < _idf.Length ? _idf[slot] : _unseenIdf;

    private float IdfOf(int documentFrequency) => MathF.Log(1 + ((Documents - documentFrequency + 0.5f) / (documentFrequency + 0.5f)));
}
