using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Matching.Ranking;

/// <summary>
/// The learned second phase: an ML.NET ranking model over <see cref="PairFeatures"/>, with its metadata, loaded
/// once per process and shared (prediction engines are pooled: one is not thread-safe). A model file is one zip
/// holding <c>model.json</c> (<see cref="ModelMetadata"/>) and <c>pipeline.zip</c> (the ML.NET model as
/// <c>MLContext.Model.Save</c> writes it).
/// </summary>
public sealed class Ranker
{
    private const string MetadataEntry = "model.json";
    private const string PipelineEntry = "pipeline.zip";

    /// <summary>
    /// The trainer of a model file with no ML.NET pipeline: its raw score is the first phase's similarity, so it
    /// serves the first phase's order. Shipped when no learned ranker beats the first phase on real data.
    /// </summary>
    public const string FirstPhaseTrainer = "FirstPhase (no learned ranker: the first phase's BM25 similarity orders the pool)";

    private readonly MLContext _ml;
    private readonly ObjectPool<PredictionEngine<FeaturesRow, ScoreRow>> _engines;
    private readonly SchemaDefinition _input;

    private Ranker(MLContext ml, ITransformer? pipeline, ModelMetadata metadata)
    {
        _ml = ml;
        Pipeline = pipeline;
        Metadata = metadata;
        _input = FeaturesRow.Definition(metadata.Features.Length);
        _engines = new DefaultObjectPool<PredictionEngine<FeaturesRow, ScoreRow>>(new EnginePolicy(this), Environment.ProcessorCount * 2);
    }

    public ModelMetadata Metadata { get; }

    public string Version => Metadata.Version;

    /// <summary>The ML.NET model; null for <see cref="FirstPhaseTrainer"/>.</summary>
    internal ITransformer? Pipeline { get; }

    /// <summary>A model that orders by the first phase's similarity (<see cref="FirstPhaseTrainer"/>).</summary>
    public static Ranker FirstPhase(ModelMetadata metadata) => new(new MLContext(seed: 1), null, metadata with { Trainer = FirstPhaseTrainer });

    /// <summary>Wraps a trained ML.NET model with its metadata.</summary>
    public static Ranker Create(MLContext ml, ITransformer pipeline, ModelMetadata metadata) => new(ml, pipeline, metadata);

    /// <summary>The same model with other metadata (e.g. metrics measured after training).</summary>
    public static Ranker Create(Ranker model, ModelMetadata metadata) => new(model._ml, model.Pipeline, metadata);

    /// <summary>Weight of text similarity in the served score: it only breaks the model's ties.</summary>
    public const double SimilarityWeight = 0.01;

    /// <summary>
    /// The pair's score in [0, 1], rounded to 6 decimals like every served score: the model's raw score mapped by
    /// a logistic (calibrated on the training pairs), plus a hundredth of the text similarity. Trees score in
    /// steps, so pairs the model cannot tell apart would otherwise tie and be ordered by id; this way text
    /// similarity orders them, and a step of the model always outweighs it.
    /// </summary>
    public double Score(ReadOnlySpan<float> features)
    {
        var raw = Raw(features);
        var z = (raw - Metadata.ScoreCenter) / Metadata.ScoreScale;
        var model = 1 / (1 + Math.Exp(-z));
        return Math.Round(((1 - SimilarityWeight) * model) + (SimilarityWeight * Math.Clamp(features[0], 0, 1)), 6);
    }

    /// <summary>The model's unbounded score of a pair.</summary>
    public float Raw(ReadOnlySpan<float> features)
    {
        if (Pipeline is null)
        {
            return features[0];
        }

        var engine = _engines.Get();
        try
        {
            // A model reads the first features it was trained on: features are only ever added at the end.
            var row = new FeaturesRow { Features = features[..Metadata.Features.Length].ToArray() };
            return engine.Predict(row).Score;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>Writes the model file: metadata and ML.NET pipeline in one zip.</summary>
    public void Save(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var meta = zip.CreateEntry(MetadataEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(meta, Metadata, ModelMetadata.Json);
        }

        if (Pipeline is not null)
        {
            using var pipeline = zip.CreateEntry(PipelineEntry, CompressionLevel.NoCompression).Open();
            _ml.Model.Save(Pipeline, _ml.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), _input).Schema, pipeline);
        }
    }

    /// <summary>The model file's bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a model file and checks that it can serve: the format, the feature list this code computes, the
    /// featurizer, a valid version, an ML.NET model that loads and scores. Anything else is an
    /// <see cref="InvalidModelException"/> saying what is wrong.
    /// </summary>
    public static Ranker Load(byte[] file, string featurizer)
    {
        ModelMetadata? metadata;
        byte[]? pipelineBytes;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            var metaEntry = zip.GetEntry(MetadataEntry) ?? throw new InvalidModelException($"the zip has no {MetadataEntry}");
            using (var meta = metaEntry.Open())
            {
                metadata = JsonSerializer.Deserialize<ModelMetadata>(meta, ModelMetadata.Json);
            }

            // Every model but the first phase's has its ML.NET pipeline.
            var pipelineEntry = zip.GetEntry(PipelineEntry);
            if (pipelineEntry is null && metadata?.Trainer != FirstPhaseTrainer)
            {
                throw new InvalidModelException($"the zip has no {PipelineEntry}");
            }

            pipelineBytes = null;
            if (pipelineEntry is not null)
            {
                using var buffer = new MemoryStream();
                using (var pipeline = pipelineEntry.Open())
                {
                    pipeline.CopyTo(buffer);
                }

                pipelineBytes = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new InvalidModelException($"not a model file: {e.Message}", e);
        }

        if (metadata is null)
        {
            throw new InvalidModelException($"{MetadataEntry} is empty");
        }

        if (metadata.Format != ModelMetadata.CurrentFormat)
        {
            throw new InvalidModelException($"format '{metadata.Format}' is not '{ModelMetadata.CurrentFormat}'");
        }

        if (!ModelVersions.IsValid(metadata.Version))
        {
            throw new InvalidModelException("version must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }

        if (metadata.Features.Length == 0 || !metadata.Features.SequenceEqual(PairFeatures.Names.Take(metadata.Features.Length)))
        {
            throw new InvalidModelException($"features [{string.Join(", ", metadata.Features)}] are not the ones this version computes, or the first of them [{string.Join(", ", PairFeatures.Names)}]");
        }

        if (metadata.Featurizer != featurizer)
        {
            throw new InvalidModelException($"trained on featurizer '{metadata.Featurizer}'; this cluster featurizes with '{featurizer}'");
        }

        if (!(metadata.ScoreScale > 0) || !double.IsFinite(metadata.ScoreCenter))
        {
            throw new InvalidModelException("score calibration must have a positive scale and a finite center");
        }

        if (pipelineBytes is null)
        {
            return FirstPhase(metadata);
        }

        var ml = new MLContext(seed: 1);
        ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(new MemoryStream(pipelineBytes, writable: false), out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidModelException($"{PipelineEntry} is not an ML.NET model: {e.Message}", e);
        }

        var ranker = new Ranker(ml, transformer, metadata);
        try
        {
            var probe = ranker.Raw(new float[PairFeatures.Count]);
            if (!float.IsFinite(probe))
            {
                throw new InvalidModelException("the model scores a pair as " + probe);
            }
        }
        catch (Exception e) when (e is not InvalidModelException and not OutOfMemoryException)
        {
            throw new InvalidModelException($"the ML.NET model does not score {metadata.Features.Length} features: {e.Message}", e);
        }

        return ranker;
    }

    internal sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];

        /// <summary>The row as a model of <paramref name="width"/> features reads it.</summary>
        public static SchemaDefinition Definition(int width)
        {
            var definition = SchemaDefinition.Create(typeof(FeaturesRow));
            definition[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
            return definition;
        }
    }

    internal sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private sealed class EnginePolicy(Ranker ranker) : PooledObjectPolicy<PredictionEngine<FeaturesRow, ScoreRow>>
    {
        public override PredictionEngine<FeaturesRow, ScoreRow> Create() =>
            ranker._ml.Model.CreatePredictionEngine<FeaturesRow, ScoreRow>(ranker.Pipeline!, ignoreMissingColumns: true, inputSchemaDefinition: ranker._input);

        public override bool Return(PredictionEngine<FeaturesRow, ScoreRow> obj) => true;
    }
}
