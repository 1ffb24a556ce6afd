namespace Matching.Contracts;

/// <summary>The layout of a tenant's feedback log: fixed-size segments, so that a sequence number addresses its segment.</summary>
public static class FeedbackLog
{
    /// <summary>
    /// Events per segment. A segment is stored whole on every append, so this bounds the cost of one append;
    /// it also matches the export's page size, so a page reads one or two segments.
    /// </summary>
    public const int SegmentCapacity = 1_000;

    /// <summary>The head grain's key: the tenant.</summary>
    public static string Head(string tenant) => tenant;

    /// <summary>A segment grain's key: <c>{tenant}/{n}</c>.</summary>
    public static string Segment(string tenant, long n) => $"{tenant}/{n}";

    /// <summary>The segment that holds a sequence number, and its position there.</summary>
    public static (long Segment, int Index) Locate(long sequence) => (sequence / SegmentCapacity, (int)(sequence % SegmentCapacity));
}
