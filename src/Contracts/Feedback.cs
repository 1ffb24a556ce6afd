using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>What a user did with an offer shown for a need (API.md "Feedback").</summary>
[GenerateSerializer]
public enum FeedbackKind : byte
{
    /// <summary>The offer was shown in the need's shortlist (API.md <c>shown</c>).</summary>
    Shown = 0,
    /// <summary>The user opened the offer (<c>clicked</c>).</summary>
    Clicked = 1,
    /// <summary>The enterprise contacted the offer's owner (<c>contacted</c>).</summary>
    Contacted = 2,
    /// <summary>A transfer was agreed (<c>deal</c>).</summary>
    Deal = 3,
    /// <summary>The user marked the offer as not a match (<c>rejected</c>).</summary>
    Rejected = 4,
}

/// <summary>The API names of feedback kinds and the training grade each earns.</summary>
public static class FeedbackKinds
{
    private static readonly (FeedbackKind Kind, string Name, int Grade)[] Table =
    [
        (FeedbackKind.Shown, "shown", 0),
        (FeedbackKind.Clicked, "clicked", 1),
        (FeedbackKind.Contacted, "contacted", 3),
        (FeedbackKind.Deal, "deal", 4),
        // Rejected is an explicit "not a match": as low as shown-and-ignored; a pair's grade is its best event.
        (FeedbackKind.Rejected, "rejected", 0),
    ];

    /// <summary>The API names, in the order API.md lists them.</summary>
    public static readonly string[] Names = Table.Select(t => t.Name).ToArray();

    /// <summary>The API name: <c>shown</c>, <c>clicked</c>, <c>contacted</c>, <c>deal</c> or <c>rejected</c>.</summary>
    public static string Name(FeedbackKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>
    /// The judgment grade of API.md "Training data" (0..4): deal 4, contacted 3, clicked 1, shown and rejected 0.
    /// </summary>
    public static int Grade(FeedbackKind kind) => Table.First(t => t.Kind == kind).Grade;

    /// <summary>Parses an API name; exact lower case, as API.md spells them.</summary>
    public static bool TryParse(string? name, out FeedbackKind kind)
    {
        foreach (var t in Table)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                kind = t.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>One feedback event as the Api hands it to the log: validated, with the pair as it was served.</summary>
/// <param name="NeedId">The stored need.</param>
/// <param name="OfferId">The stored offer.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened, UTC: the caller's time, or <paramref name="ReceivedAt"/> when it gave none.</param>
/// <param name="ReceivedAt">When the Api received it, UTC.</param>
/// <param name="Served">The model version, score and features of the pair under the active model.</param>
[GenerateSerializer, Immutable, Alias("Matching.FeedbackEvent")]
public sealed record FeedbackEvent(
    [property: Id(0)] string NeedId,
    [property: Id(1)] string OfferId,
    [property: Id(2)] FeedbackKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] ServedPair Served);

/// <summary>A feedback event as the log holds it: with the sequence number that orders the log (the export cursor).</summary>
[GenerateSerializer, Immutable, Alias("Matching.FeedbackRecord")]
public sealed record FeedbackRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] FeedbackEvent Event);

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

/// <summary>
/// The head of one tenant's feedback log, keyed by the tenant: it orders appends and knows the segment being
/// written. Its own state is one number, written only when a segment fills.
/// </summary>
public interface IFeedbackLogGrain : IGrainWithStringKey
{
    /// <summary>Appends one event to the current segment (opening the next when it is full); returns the stored record.</summary>
    Task<FeedbackRecord> AppendAsync(FeedbackEvent e);

    /// <summary>The number of the segment being written (0 for an empty log): no segment after it holds events.</summary>
    [AlwaysInterleave]
    Task<long> GetCurrentSegmentAsync();
}

/// <summary>
/// At most <see cref="FeedbackLog.SegmentCapacity"/> consecutive events of a tenant's log, keyed
/// <c>{tenant}/{n}</c>; event <c>i</c> of segment <c>n</c> has sequence <c>n × capacity + i</c>.
/// Only the tenant's <see cref="IFeedbackLogGrain"/> appends.
/// </summary>
public interface IFeedbackSegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the event as this segment's next; null when the segment is full (nothing stored).</summary>
    Task<FeedbackRecord?> AppendAsync(FeedbackEvent e);

    /// <summary>Up to <paramref name="max"/> records from position <paramref name="from"/> on, in order.</summary>
    [ReadOnly]
    Task<FeedbackRecord[]> ReadAsync(int from, int max);
}
