namespace Matching.Contracts;

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
