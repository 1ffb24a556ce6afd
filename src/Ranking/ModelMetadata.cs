using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Ranking;

/// <summary>What a model file says about itself (<c>model.json</c> in the zip).</summary>
public sealed record ModelMetadata
{
    /// <summary>The file format this code reads.</summary>
    public const string CurrentFormat = "matching-model/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>The version shortlists report, e.g. <c>2026-11-27.1</c>: 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public required string Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The ML.NET trainer and its settings, e.g. <c>FastTree LambdaRank (100 trees, 16 leaves)</c>.</summary>
    public required string Trainer { get; init; }

    /// <summary>The text model the features were computed with: a ranker only fits the featurizer it was trained on.</summary>
    public required string Featurizer { get; init; }

    /// <summary>The feature names in vector order (<see cref="PairFeatures.Names"/> when trained).</summary>
    public required string[] Features { get; init; }

    /// <summary>Raw ranker scores map to [0, 1] by a logistic around this center...</summary>
    public required double ScoreCenter { get; init; }

    /// <summary>...with this scale (both from the training pairs' raw scores).</summary>
    public required double ScoreScale { get; init; }

    /// <summary>Held-out metrics of the model (ndcg@3, ndcg@10, p@3, mrr@10).</summary>
    public Dictionary<string, double> Metrics { get; init; } = [];

    /// <summary>The same metrics for text similarity alone, on the same held-out needs.</summary>
    public Dictionary<string, double> Baseline { get; init; } = [];

    /// <summary>Each feature's share of the trees' gain, largest first.</summary>
    public Dictionary<string, double> Importance { get; init; } = [];

    /// <summary>What the model was trained on: counts, seed, split.</summary>
    public Dictionary<string, long> Training { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
