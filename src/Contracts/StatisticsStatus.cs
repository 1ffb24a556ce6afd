namespace Matching.Contracts;

/// <summary>
/// What /v1/status reports of the statistics the first phase scores with: the snapshot's version, when it was
/// taken, the offers it counted, their mean length and distinct terms; and whether a refresh is due (the corpus
/// drifted since), with how long it has waited.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.StatisticsStatus")]
public sealed record StatisticsStatus(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] long Offers,
    [property: Id(3)] double AverageLength,
    [property: Id(4)] int Terms,
    [property: Id(5)] bool RefreshDue,
    [property: Id(6)] long DueForMs);
