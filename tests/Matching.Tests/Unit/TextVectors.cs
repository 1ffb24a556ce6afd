using Matching.Ranking;

namespace Matching.Tests.Unit;

/// <summary>A text's whole vector in its own words, as reasons read it.</summary>
internal static class TextVectors
{
    public static FeatureVector Vector(this TextModel model, ItemText text)
    {
        model.Profile(text, out var vector);
        return vector;
    }
}
