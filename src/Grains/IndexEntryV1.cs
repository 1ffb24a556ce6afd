namespace Matching.Grains;

/// <summary>
/// An <see cref="IndexEntry"/> as Redis held it before the text profile was one type (ids 2, 3 and 6), read back
/// only to convert it; the shard's next write of the item stores the current form.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record IndexEntryV1(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int[] Slots,
    [property: Id(3)] float[] Weights,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] long Version,
    [property: Id(6)] IndexEntryV1.TextFacets Facets)
{
    /// <summary>The profile's other parts, as they were stored.</summary>
    [GenerateSerializer, Immutable]
    internal sealed record TextFacets(
        [property: Id(0)] float[] Frequencies,
        [property: Id(1)] int Length,
        [property: Id(2)] int[] TitleSlots,
        [property: Id(3)] float[] TitleWeights,
        [property: Id(4)] int[] KeywordSlots,
        [property: Id(5)] float[] KeywordWeights,
        [property: Id(6)] byte Language);

    /// <summary>The entry in its current form, through the float profile that came after this one.</summary>
    public IndexEntry Current() => new IndexEntryV2(Id, Title, Facts, Version, new IndexEntryV2.FloatProfile(
        Slots, Weights, Facets.Frequencies, Facets.Length, Facets.TitleSlots, Facets.TitleWeights,
        Facets.KeywordSlots, Facets.KeywordWeights, (Language)Facets.Language)).Current();
}
