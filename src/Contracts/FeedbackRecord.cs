namespace Matching.Contracts;

/// <summary>A feedback event as the log holds it: with the sequence number that orders the log (the export cursor).</summary>
[GenerateSerializer, Immutable, Alias("Matching.FeedbackRecord")]
public sealed record FeedbackRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] FeedbackEvent Event);
