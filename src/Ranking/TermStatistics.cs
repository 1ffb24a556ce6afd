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
    public float Idf(int slot)
    {
        var df = DocumentFrequency(slot);
        return MathF.Log(1 + ((Documents - df + 0.5f) / (df + 0.5f)));
    }
}
