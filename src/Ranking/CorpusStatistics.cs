namespace Matching.Ranking;

/// <summary>
/// Live, exact counts of one set of documents (an index shard's offers): documents, total length and each slot's
/// document frequency. Adding, replacing or withdrawing a document costs work in proportion to its terms, never
/// a rescan. Not thread-safe: one owner (a grain) at a time.
/// </summary>
public sealed class CorpusStatistics
{
    private readonly Dictionary<int, int> _frequencies = [];

    /// <summary>Documents counted.</summary>
    public long Documents { get; private set; }

    /// <summary>Their terms in all.</summary>
    public long TotalLength { get; private set; }

    /// <summary>Counts a document with these distinct slots and this length.</summary>
    public void Add(ReadOnlySpan<int> slots, int length)
    {
        foreach (var slot in slots)
        {
            _frequencies[slot] = _frequencies.GetValueOrDefault(slot) + 1;
        }

        Documents++;
        TotalLength += length;
    }

    /// <summary>Uncounts a document that <see cref="Add"/> counted with the same slots and length.</summary>
    public void Remove(ReadOnlySpan<int> slots, int length)
    {
        foreach (var slot in slots)
        {
            var df = _frequencies.GetValueOrDefault(slot);
            if (df <= 1)
            {
                _frequencies.Remove(slot);
            }
            else
            {
                _frequencies[slot] = df - 1;
            }
        }

        Documents--;
        TotalLength -= length;
    }

    /// <summary>How many counted documents contain <paramref name="slot"/>.</summary>
    public int DocumentFrequency(int slot) => _frequencies.GetValueOrDefault(slot);

    /// <summary>The slots counted (ascending) and their document frequencies.</summary>
    public (int[] Slots, int[] Frequencies) Export()
    {
        var slots = _frequencies.Keys.ToArray();
        Array.Sort(slots);
        var frequencies = new int[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            frequencies[i] = _frequencies[slots[i]];
        }

        return (slots, frequencies);
    }

    /// <summary>A snapshot of these counts alone.</summary>
    public TermStatistics Snapshot(long version)
    {
        var (slots, frequencies) = Export();
        return new TermStatistics(version, Documents, TotalLength, slots, frequencies);
    }

    /// <summary>The snapshot of several parts' counts summed (the shards of one side).</summary>
    public static TermStatistics Merge(long version, IEnumerable<(long Documents, long TotalLength, int[] Slots, int[] Frequencies)> parts)
    {
        var sum = new CorpusStatistics();
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Slots.Length; i++)
            {
                sum._frequencies[part.Slots[i]] = sum._frequencies.GetValueOrDefault(part.Slots[i]) + part.Frequencies[i];
            }

            sum.Documents += part.Documents;
            sum.TotalLength += part.TotalLength;
        }

        return sum.Snapshot(version);
    }
}
