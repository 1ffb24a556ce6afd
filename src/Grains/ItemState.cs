namespace Matching.Grains;

/// <summary>
/// What storage holds for one offer or need. <see cref="Data"/> is null once withdrawn; the version survives
/// withdrawal so that a re-created item's version keeps rising.
/// </summary>
[GenerateSerializer, Alias("Matching.ItemState`1")]
public sealed class ItemState<TData> where TData : class
{
    [Id(0)] public TData? Data { get; set; }
    [Id(1)] public long Version { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}
