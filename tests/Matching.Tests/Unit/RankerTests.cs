using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Matching.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Matching.Tests.Unit;

public sealed class RankerTests(TrainingSetFixture set) : IClassFixture<TrainingSetFixture>
{
    [Fact]
    public void Every_feature_has_a_name()
    {
        Assert.Equal(PairFeatures.Width, PairFeatures.Names.Length);
        Assert.Equal(PairFeatures.Names.Length, PairFeatures.Names.Distinct().Count());
        Assert.All(set.Groups.SelectMany(g => g.Rows), r => Assert.Equal(PairFeatures.Width, r.Features.Length));
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var a = set.Fit(seed: 3);
        var b = set.Fit(seed: 3);
        var rows = set.Test.SelectMany(g => g.Rows).Take(500).ToArray();

        Assert.Equal(rows.Select(r => a.Raw(r.Features)), rows.Select(r => b.Raw(r.Features)));
        Assert.Equal(a.Metadata.Importance, b.Metadata.Importance);
        Assert.Equal(PairFeatures.Names.Order(), a.Metadata.Importance.Keys.Order());
        Assert.Equal(1, a.Metadata.Importance.Values.Sum(), precision: 2);
    }

    [Theory]
    [InlineData(RankerTrainer.LightGbm)]
    [InlineData(RankerTrainer.FastTree)]
    [InlineData(RankerTrainer.Linear)]
    public void The_learned_ranker_orders_held_out_needs_far_better_than_no_order(RankerTrainer trainer)
    {
        // Whether it beats the first phase alone is measured on real collections (docs/ranking.md), not asserted here:
        // on the generated set it does not. What a test can hold is that training learns the grades at all.
        var model = set.Fit(seed: 1, trainer);

        var learned = RankerTraining.Evaluate(set.Test, f => model.Raw(f));
        var none = RankerTraining.Evaluate(set.Test, _ => 0);

        Assert.True(learned.Needs >= 100, $"only {learned.Needs} held-out needs");
        Assert.True(learned.Ndcg3 > none.Ndcg3 + 0.1, $"ndcg@3 learned {learned.Ndcg3:F4} vs the pool in id order {none.Ndcg3:F4}");
    }

    [Fact]
    public void The_first_phase_model_orders_a_pool_by_similarity_and_round_trips()
    {
        var model = set.Fit(seed: 1, RankerTrainer.FirstPhase);
        var loaded = Ranker.Load(model.ToBytes(), DefaultFeaturizer.Version);
        var rows = set.Test.SelectMany(g => g.Rows).Take(200).ToArray();

        Assert.Equal(Ranker.FirstPhaseTrainer, loaded.Metadata.Trainer);
        Assert.Equal(rows.Select(r => r.Features[0]), rows.Select(r => loaded.Raw(r.Features)));
        Assert.Equal(
            rows.OrderByDescending(r => r.Features[0]).Select(r => r.Features[0]),
            rows.OrderByDescending(r => loaded.Score(r.Features)).Select(r => r.Features[0]));
    }

    [Fact]
    public void The_bundled_default_is_the_first_phase_model()
    {
        // No ranker trained on data in the repository beats the first phase on CACM or KPPatent-ZH (docs/ranking.md).
        Assert.Equal(Ranker.FirstPhaseTrainer, Matching.Grains.ModelHost.Default.Metadata.Trainer);
    }

    [Fact]
    public void A_model_file_round_trips()
    {
        var model = set.Fit(seed: 1);
        var loaded = Ranker.Load(model.ToBytes(), DefaultFeaturizer.Version);
        var rows = set.Test.SelectMany(g => g.Rows).Take(200).ToArray();

        Assert.Equal(rows.Select(r => model.Score(r.Features)), rows.Select(r => loaded.Score(r.Features)));
        Assert.Equal(JsonSerializer.Serialize(model.Metadata), JsonSerializer.Serialize(loaded.Metadata));
    }

    [Fact]
    public void A_linear_model_round_trips_and_weighs_every_feature()
    {
        var model = set.Fit(seed: 1, RankerTrainer.Linear);
        var loaded = Ranker.Load(model.ToBytes(), DefaultFeaturizer.Version);
        var rows = set.Test.SelectMany(g => g.Rows).Take(200).ToArray();

        Assert.Equal(rows.Select(r => model.Score(r.Features)), rows.Select(r => loaded.Score(r.Features)));
        Assert.StartsWith("Linear", loaded.Metadata.Trainer);
        Assert.Equal(PairFeatures.Names.Order(), loaded.Metadata.Importance.Keys.Order());
        Assert.Equal(1, loaded.Metadata.Importance.Values.Sum(), precision: 2);
    }

    [Fact]
    public void A_model_trained_before_the_last_features_were_added_still_loads_and_reads_its_own()
    {
        // Features are only ever appended, so a model of the first 17 (the registry may hold one) keeps serving.
        const int older = 17;
        var ml = new MLContext(seed: 1);
        var rows = set.Train.SelectMany(g => g.Rows).Take(2_000)
            .Select(r => new OlderRow { Label = r.Grade > 0, Features = r.Features[..older] }).ToList();
        var pipeline = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(ml.Data.LoadFromEnumerable(rows));
        using var saved = new MemoryStream();
        ml.Model.Save(pipeline, ml.Data.LoadFromEnumerable(rows).Schema, saved);
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(Entry(set.LearnedFile, "model.json"), JsonSerializerOptions.Web)! with
        {
            Features = PairFeatures.Names[..older],
        };
        var file = Zip(("model.json", JsonSerializer.SerializeToUtf8Bytes(metadata, JsonSerializerOptions.Web)), ("pipeline.zip", saved.ToArray()));

        var loaded = Ranker.Load(file, DefaultFeaturizer.Version);
        var row = set.Test.SelectMany(g => g.Rows).First();
        var changedTail = row.Features.ToArray();
        changedTail[older..].AsSpan().Fill(123);

        Assert.Equal(loaded.Raw(row.Features), loaded.Raw(changedTail));
        Assert.NotEqual(loaded.Raw(row.Features), loaded.Raw(new float[PairFeatures.Width]));
    }

    [Fact]
    public void Scores_are_in_the_unit_interval_with_six_decimals()
    {
        var model = set.Fit(seed: 1);
        foreach (var row in set.Test.SelectMany(g => g.Rows).Take(500))
        {
            var score = model.Score(row.Features);
            Assert.InRange(score, 0, 1);
            Assert.Equal(Math.Round(score, 6), score);
        }
    }

    public static TheoryData<string, Func<byte[], byte[]>> Refusals => new()
    {
        { "random bytes", _ => Encoding.UTF8.GetBytes("not a zip at all") },
        { "an empty zip", _ => Zip() },
        { "a foreign zip", _ => Zip(("readme.txt", "hello"u8.ToArray()), ("data.bin", new byte[64])) },
        { "no pipeline", file => Zip(("model.json", Entry(file, "model.json"))) },
        { "metadata not JSON", file => Zip(("model.json", "{"u8.ToArray()), ("pipeline.zip", Entry(file, "pipeline.zip"))) },
        { "pipeline not ML.NET", file => Zip(("model.json", Entry(file, "model.json")), ("pipeline.zip", Zip(("x", new byte[3])))) },
        { "other features", file => Rewrite(file, m => m with { Features = ["cosine"] }) },
        { "features this version does not compute", file => Rewrite(file, m => m with { Features = [.. PairFeatures.Names, "future"] }) },
        { "no features", file => Rewrite(file, m => m with { Features = [] }) },
        { "other featurizer", file => Rewrite(file, m => m with { Featurizer = "another-text-9" }) },
        { "bad version", file => Rewrite(file, m => m with { Version = "has spaces" }) },
        { "other format", file => Rewrite(file, m => m with { Format = "matching-model/99" }) },
        { "no scale", file => Rewrite(file, m => m with { ScoreScale = 0 }) },
        { "truncated", file => file[..(file.Length / 2)] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void An_unusable_model_file_is_refused_with_a_reason(string why, Func<byte[], byte[]> corrupt)
    {
        var file = corrupt(set.LearnedFile);

        var e = Assert.Throws<InvalidModelException>(() => Ranker.Load(file, DefaultFeaturizer.Version));
        Assert.False(string.IsNullOrWhiteSpace(e.Message), why);
    }

    private static byte[] Entry(byte[] file, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] Rewrite(byte[] file, Func<ModelMetadata, ModelMetadata> change)
    {
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(Entry(file, "model.json"), JsonSerializerOptions.Web)!;
        return Zip(("model.json", JsonSerializer.SerializeToUtf8Bytes(change(metadata), JsonSerializerOptions.Web)), ("pipeline.zip", Entry(file, "pipeline.zip")));
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private sealed class OlderRow
    {
        public bool Label { get; set; }

        [VectorType(17)]
        public float[] Features { get; set; } = [];
    }
}
