namespace Matching.Grains;

/// <summary>
/// An <see cref="IndexEntry"/> as Redis held it while the profile's weights and frequencies were floats (the profile's
/// ids 1, 2, 5 and 7), read back only to convert it; the shard's next write of the item stores the current form.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record IndexEntryV2(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] long Version,
    [property: Id(7)] IndexEntryV2.FloatProfile Text)
{
    /// <summary>The profile as it was stored.</summary>
    [GenerateSerializer, Immutable]
    internal sealed record FloatProfile(
        [property: Id(0)] int[] Slots,
        [property: Id(1)] float[] Weights,
        [property: Id(2)] float[] Frequencies,
        [property: Id(3)] int Length,
        [property: Id(4)] int[] TitleSlots,
        [property: Id(5)] float[] TitleWeights,
        [property: Id(6)] int[] KeywordSlots,
        [property: Id(7)] float[] KeywordWeights,
        [property: Id(8)] Language Language)
    {
        [Id(9)]
        public int[] Translated { get; init; } = [];
    }

    /// <summary>The entry in its current form: the same numbers in half precision.</summary>
    public IndexEntry Current() => new(Id, Title, Facts, Version, new TextProfile(
        Text.Slots, TextProfile.Halves(Text.Weights), TextProfile.Halves(Text.Frequencies), Text.Length, Text.TitleSlots,
        TextProfile.Halves(Text.TitleWeights), Text.KeywordSlots, TextProfile.Halves(Text.KeywordWeights), Text.Language)
    {
        Translated = Text.Translated,
    });
}
