namespace Matching.Contracts;

/// <summary>
/// A tenant's offers' corpus statistics as BM25 reads them (<c>TermStatistics</c> in the ranking library):
/// offers counted, their total length, and each term slot's document frequency (slots ascending). Every index
/// shard of the tenant scores with the same snapshot; <see cref="Version"/> rises with each refresh.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.StatisticsSnapshot")]
public sealed record StatisticsSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] long Offers,
    [property: Id(2)] long TotalLength,
    [property: Id(3)] int[] Slots,
    [property: Id(4)] int[] Frequencies,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    /// <summary>Before the first refresh: no statistics (every term weighs the same).</summary>
    public static readonly StatisticsSnapshot Empty = new(0, 0, 0, [], [], DateTimeOffset.UnixEpoch);
}
