namespace Matching.Contracts;

/// <summary>
/// What /v1/status reports of the statistics the first phase scores with: the snapshot's version, when it was
/// taken, the offers it counted, their mean length and distinct terms; and whether a refresh is due (the corpus
/// drifted since), with how long it has waited.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.StatisticsStatus")]
public sealed record StatisticsStatus(
    long Version,
    DateTimeOffset CreatedAt,
    long Offers,
    double AverageLength,
    int Terms,
    bool RefreshDue,
    long DueForMs);
