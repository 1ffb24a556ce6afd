namespace Matching.Load.Measurement;

/// <summary>Managed objects counted by type: the totals and the types that hold the most bytes.</summary>
public sealed class HeapProfile
{
    private readonly Dictionary<string, (long Count, long Bytes)> _byType = new(StringComparer.Ordinal);

    public long Objects { get; private set; }

    public long Bytes { get; private set; }

    public void Add(string type, long bytes)
    {
        _byType.TryGetValue(type, out var seen);
        _byType[type] = (seen.Count + 1, seen.Bytes + bytes);
        Objects++;
        Bytes += bytes;
    }

    /// <summary>The <paramref name="count"/> types with the most bytes, most first (ties by name).</summary>
    public IReadOnlyList<HeapType> Top(int count) =>
        _byType.OrderByDescending(t => t.Value.Bytes).ThenBy(t => t.Key, StringComparer.Ordinal).Take(count)
            .Select(t => new HeapType(t.Key, t.Value.Count, t.Value.Bytes)).ToList();
}
