using System.Reflection;
using System.Text.Json;

namespace Matching.Ranking;

/// <summary>
/// The text featurizer every silo and the training command share: IDF learned from the demo corpus that ships
/// in the repository, so a fresh clone featurizes with no set-up, and a ranker trained offline computes the same
/// features as the silos that serve it. Its <see cref="Version"/> is recorded in every model file; it changes
/// when the recipe or the corpus does.
/// </summary>
public static class DefaultFeaturizer
{
    public const string Version = "default-text-3"; // 3: needs carry their translations (TextModel.NeedProfile)

    private static readonly Lazy<TextModel> Lazy = new(Build);

    /// <summary>The featurizer, built once per process (about a second: jieba's dictionary loads with it).</summary>
    public static TextModel Model => Lazy.Value;

    private static TextModel Build() =>
        TextModel.Train(Read("demo.offers.json").Concat(Read("demo.needs.json")), Version);

    private static IEnumerable<ItemText> Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the build");
        using var document = JsonDocument.Parse(stream);
        var texts = new List<ItemText>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            texts.Add(new ItemText(
                String(item, "title"),
                String(item, "description"),
                item.TryGetProperty("keywords", out var keywords) ? [.. keywords.EnumerateArray().Select(k => k.GetString() ?? "")] : []));
        }

        return texts;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
