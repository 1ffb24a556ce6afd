using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Matching.Ranking;

/// <summary>
/// Training and evaluation of the second phase, offline and in-process. Pairs are built the way the engine
/// serves them: for each judged need, the first phase retrieves the best <see cref="PoolDepth"/> offers that
/// pass the hard rules (a <see cref="FirstPhaseIndex{TPayload}"/> over every offer), and the ranker
/// orders them. The ideal ranking has every judged offer, so an ideal offer the first phase missed costs the
/// score it would cost in production.
/// </summary>
public static class RankerTraining
{
    /// <summary>How many first-phase candidates the ranker orders (a kept shortlist's capacity).</summary>
    public const int PoolDepth = 20;

    /// <summary>Grades of at least this count as relevant for P@3 and MRR.</summary>
    public const int RelevantGrade = 3;

    /// <summary>Builds the candidate pairs of every need that has a judgment.</summary>
    public static List<PairGroup> BuildPairs(
        TextModel model, IReadOnlyList<TrainingItem> offers, IReadOnlyList<TrainingItem> needs, IReadOnlyList<Judgment> judgments,
        IProgress<int>? progress = null)
    {
        var profiles = offers.Select(o => model.Profile(o.Text)).ToArray();
        var offerSides = offers.Select((o, i) => new PairSide(profiles[i], o.Facts)).ToArray();
        var index = new FirstPhaseIndex<int>([.. offers.Select((o, i) => (o.Id, profiles[i], i))]);

        var byNeed = judgments.GroupBy(j => j.NeedId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var groups = new List<PairGroup>();
        var done = 0;
        foreach (var need in needs)
        {
            progress?.Report(++done);
            if (!byNeed.TryGetValue(need.Id, out var judged))
            {
                continue;
            }

            var profile = model.NeedProfile(need.Text);
            var side = new PairSide(profile, need.Facts);
            var grades = judged.GroupBy(j => j.OfferId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(j => j.Grade), StringComparer.Ordinal);
            var rows = new List<PairRow>();
            foreach (var hit in index.Query(profile, o => HardRules.Allows(need.Facts, offers[o].Facts), PoolDepth))
            {
                rows.Add(new PairRow(hit.Id, PairFeatures.Compute(side, offerSides[hit.Payload], hit.Score, model, index.Statistics), grades.GetValueOrDefault(hit.Id)));
            }

            groups.Add(new PairGroup(need.Id, [.. rows], [.. grades.Values]));
        }

        return groups;
    }

    /// <summary>Splits groups by need, deterministically for a seed: about <paramref name="heldOut"/> of them for evaluation.</summary>
    public static (List<PairGroup> Train, List<PairGroup> Test) Split(IReadOnlyList<PairGroup> groups, int seed, double heldOut = 0.2)
    {
        var order = groups.OrderBy(g => g.NeedId, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(order);
        var test = (int)Math.Round(order.Length * heldOut);
        return ([.. order.Skip(test)], [.. order.Take(test)]);
    }

    /// <summary>Trains a ranker. Deterministic for a seed: one thread, seeded trainer, groups in a fixed order.</summary>
    public static Ranker Train(IReadOnlyList<PairGroup> groups, RankerTrainer trainer, TreeSettings settings, int seed, string version, string featurizer, DateTimeOffset createdAt)
    {
        if (trainer == RankerTrainer.FirstPhase)
        {
            var (firstCenter, firstScale) = Calibration([.. groups.SelectMany(g => g.Rows).Select(r => (double)Similarity(r.Features))]);
            return Ranker.FirstPhase(new ModelMetadata
            {
                Version = version,
                CreatedAt = createdAt,
                Trainer = Ranker.FirstPhaseTrainer,
                Featurizer = featurizer,
                Features = PairFeatures.Names,
                ScoreCenter = firstCenter,
                ScoreScale = firstScale,
                Importance = PairFeatures.Names.ToDictionary(n => n, n => n == PairFeatures.Names[0] ? 1.0 : 0.0),
            });
        }

        var ml = new MLContext(seed);
        if (trainer == RankerTrainer.Linear)
        {
            return TrainLinear(ml, groups, version, featurizer, createdAt);
        }

        var rows = new List<TrainingRow>();
        uint group = 0;
        foreach (var g in groups)
        {
            // The ranker learns on what it will order: the first phase's pool, unjudged offers as grade 0. Adding the
            // judged offers the first phase missed, or leaving out the unjudged ones, made it worse than the first phase alone
            // on held-out needs (docs/ranking.md).
            var id = group++;
            rows.AddRange(g.Rows.Select(r => new TrainingRow { GroupId = id, Label = r.Grade, Features = r.Features }));
        }

        // Needs are numbered from 0: LoadFromEnumerable reads a key member as a 0-based index (value v is key v + 1)
        // and makes any value at or above the key count missing, and the trainers skip rows whose group is missing.
        // Numbered from 1 with the same count, the last need was silently left out of every training run.
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(1, group));
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var (estimator, description) = Estimator(ml, trainer, settings, seed);
        ITransformer model;
        try
        {
            model = estimator.Fit(data);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // ML.NET's trainers fail deep inside on data they cannot learn from (e.g. no tree can split: too few pairs,
            // or no grades to tell apart), with messages that name their internals ("Value cannot be null. (Parameter
            // 'items')", "Cannot use empty dataset."). The input is only data here, so say that.
            throw new RankerTrainingException(
                $"{trainer} learned no ranker from {groups.Count} needs and {rows.Count} pairs ({e.Message.TrimEnd('.')}): too few judged pairs, or too few grades above 0 among them", e);
        }

        var (center, scale) = Calibration([.. ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), reuseRowObject: false).Select(r => (double)r.Score)]);
        var metadata = new ModelMetadata
        {
            Version = version,
            CreatedAt = createdAt,
            Trainer = description,
            Featurizer = featurizer,
            Features = PairFeatures.Names,
            ScoreCenter = center,
            ScoreScale = scale,
            Importance = Importance(model),
        };
        return Ranker.Create(ml, model, metadata);
    }

    /// <summary>
    /// The linear ranker: logistic regression of "relevant" on the features, each scaled to mean 0 and variance 1, with
    /// an L2 penalty (<see cref="LinearL2"/>) that keeps the weights of features a small training set cannot settle near 0.
    /// Pointwise, but its order within a pool is the order of its margin, which is what the ranker serves.
    /// </summary>
    private static Ranker TrainLinear(MLContext ml, IReadOnlyList<PairGroup> groups, string version, string featurizer, DateTimeOffset createdAt)
    {
        var rows = groups.SelectMany(g => g.Rows).Select(r => new LinearRow { Label = r.Grade > 0, Features = r.Features }).ToList();
        if (!rows.Any(r => r.Label) || rows.All(r => r.Label))
        {
            throw new RankerTrainingException($"Linear learned no ranker from {groups.Count} needs and {rows.Count} pairs: it needs both graded and ungraded candidates");
        }

        var data = ml.Data.LoadFromEnumerable(rows);
        var estimator = ml.Transforms.NormalizeMeanVariance(nameof(LinearRow.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = LinearL2,
                L1Regularization = 0,
                NumberOfThreads = 1,
            }));
        var model = estimator.Fit(data);
        var (center, scale) = Calibration([.. ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), reuseRowObject: false).Select(r => (double)r.Score)]);
        var weights = model.LastTransformer.Model.SubModel.Weights.Select(Math.Abs).ToArray();
        var total = weights.Sum();
        var metadata = new ModelMetadata
        {
            Version = version,
            CreatedAt = createdAt,
            Trainer = $"Linear (L-BFGS logistic regression on normalized features, L2 {LinearL2})",
            Featurizer = featurizer,
            Features = PairFeatures.Names,
            ScoreCenter = center,
            ScoreScale = scale,
            Importance = PairFeatures.Names
                .Select((name, i) => (name, Share: total > 0 && i < weights.Length ? weights[i] / total : 0))
                .OrderByDescending(x => x.Share).ThenBy(x => x.name, StringComparer.Ordinal)
                .ToDictionary(x => x.name, x => Math.Round(x.Share, 4)),
        };
        return Ranker.Create(ml, model, metadata);
    }

    /// <summary>The linear ranker's L2 penalty: 3 to 30 measured alike on five CACM splits (docs/ranking.md).</summary>
    public const float LinearL2 = 10;

    /// <summary>NDCG@3, NDCG@10, P@3 and MRR@10 of a scoring function over the retrieved pools of <paramref name="groups"/>; ties by offer id.</summary>
    public static RankingMetrics Evaluate(IReadOnlyList<PairGroup> groups, Func<float[], double> score)
    {
        double ndcg3 = 0, ndcg10 = 0, p3 = 0, mrr = 0;
        var counted = 0;
        foreach (var g in groups)
        {
            if (!HasRelevant(g))
            {
                continue; // a need with nothing relevant cannot be ranked well or badly
            }

            counted++;
            var ranked = g.Rows
                .Select(r => (r.OfferId, r.Grade, Score: score(r.Features)))
                .OrderByDescending(r => r.Score).ThenBy(r => r.OfferId, StringComparer.Ordinal)
                .Select(r => r.Grade)
                .ToArray();
            var ideal = g.JudgedGrades.OrderByDescending(x => x).ToArray();
            ndcg3 += Ndcg(ranked, ideal, 3);
            ndcg10 += Ndcg(ranked, ideal, 10);
            p3 += ranked.Take(3).Count(x => x >= RelevantGrade) / 3.0;
            var first = Array.FindIndex(ranked, 0, Math.Min(10, ranked.Length), x => x >= RelevantGrade);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
        }

        return counted == 0
            ? new RankingMetrics(0, 0, 0, 0, 0)
            : new RankingMetrics(ndcg3 / counted, ndcg10 / counted, p3 / counted, mrr / counted, counted);
    }

    /// <summary>Whether a need has a relevant (grade above 0) offer judged: only such needs are counted by <see cref="Evaluate"/>.</summary>
    public static bool HasRelevant(PairGroup group) => group.JudgedGrades.Any(x => x > 0);

    /// <summary>Whether a need's candidates hold a relevant offer: only such needs teach the ranker anything.</summary>
    public static bool HasRelevantCandidate(PairGroup group) => group.Rows.Any(r => r.Grade > 0);

    /// <summary>The first phase alone: its BM25 similarity.</summary>
    public static double Similarity(float[] features) => features[0];

    private static double Ndcg(int[] ranked, int[] ideal, int k)
    {
        var idcg = Dcg(ideal, k);
        return idcg == 0 ? 0 : Dcg(ranked, k) / idcg;
    }

    private static double Dcg(int[] grades, int k)
    {
        double sum = 0;
        for (var i = 0; i < Math.Min(k, grades.Length); i++)
        {
            sum += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }

        return sum;
    }

    private static (IEstimator<ITransformer> Estimator, string Description) Estimator(MLContext ml, RankerTrainer trainer, TreeSettings settings, int seed)
    {
        var (trees, leaves, minLeaf, rate) = settings;
        return trainer switch
        {
            RankerTrainer.FastTree => (ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                NumberOfTrees = trees,
                NumberOfLeaves = leaves,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = rate,
                NumberOfThreads = 1,
                Seed = seed,
            }), $"FastTree LambdaRank ({trees} trees, {leaves} leaves, learning rate {rate})"),
            RankerTrainer.LightGbm => (ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                NumberOfIterations = trees,
                NumberOfLeaves = leaves,
                MinimumExampleCountPerLeaf = minLeaf,
                LearningRate = rate,
                NumberOfThreads = 1,
                Seed = seed,
                Deterministic = true,
            }), $"LightGBM LambdaRank ({trees} iterations, {leaves} leaves, learning rate {rate})"),
            _ => throw new ArgumentOutOfRangeException(nameof(trainer)),
        };
    }

    /// <summary>The logistic's center and scale: the mean and standard deviation of the training pairs' raw scores.</summary>
    private static (double Center, double Scale) Calibration(double[] raw)
    {
        var center = raw.Length == 0 ? 0 : raw.Average();
        var scale = raw.Length < 2 ? 1 : Math.Sqrt(raw.Sum(x => (x - center) * (x - center)) / raw.Length);
        return (center, scale > 1e-9 ? scale : 1);
    }

    private static Dictionary<string, double> Importance(ITransformer model)
    {
        // Both trainers' models (FastTree's and LightGBM's) report the trees' gain per feature.
        if (model is not IPredictionTransformer<TreeEnsembleModelParametersBasedOnRegressionTree> trees)
        {
            return [];
        }

        var weights = default(VBuffer<float>);
        trees.Model.GetFeatureWeights(ref weights);
        var dense = weights.DenseValues().ToArray();
        var total = dense.Sum();
        return PairFeatures.Names
            .Select((name, i) => (name, Share: total > 0 && i < dense.Length ? dense[i] / total : 0))
            .OrderByDescending(x => x.Share).ThenBy(x => x.name, StringComparer.Ordinal)
            .ToDictionary(x => x.name, x => Math.Round(x.Share, 4));
    }

    private sealed class TrainingRow
    {
        public float Label { get; set; }

        /// <summary>The need's index in the training list, from 0 (a key index, see <see cref="Train"/>).</summary>
        public uint GroupId { get; set; }

        [VectorType(PairFeatures.Width)]
        public float[] Features { get; set; } = [];
    }

    private sealed class LinearRow
    {
        public bool Label { get; set; }

        [VectorType(PairFeatures.Width)]
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoredRow
    {
        public float Score { get; set; }
    }
}
