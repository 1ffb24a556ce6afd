using System.Reflection;
using System.Text.Json;
using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Grains;

/// <summary>
/// The active text model of this silo, loaded once per process and shared by every grain (not one per grain).
/// </summary>
public sealed class ModelHost
{
    /// <summary>The version of the bundled default model; it changes when its recipe or corpus does.</summary>
    public const string DefaultVersion = "default-text-1";

    private readonly Lazy<TextModel> _active = new(BuildDefault);

    /// <summary>The model that scores and featurizes now.</summary>
    public TextModel Active => _active.Value;

    /// <summary>The bundled default: IDF learned from the demo corpus that ships in the repository.</summary>
    private static TextModel BuildDefault()
    {
        var offers = Read<OfferData>("demo.offers.json").Select(Facts.Text);
        var needs = Read<NeedData>("demo.needs.json").Select(Facts.Text);
        return TextModel.Train(offers.Concat(needs), DefaultVersion);
    }

    private static List<T> Read<T>(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the build");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new TransferModesJsonConverter());
        return JsonSerializer.Deserialize<List<T>>(stream, options) ?? [];
    }
}
