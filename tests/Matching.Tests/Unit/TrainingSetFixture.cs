using Matching.Cli.Training;
using Matching.Ranking;

namespace Matching.Tests.Unit;

/// <summary>The repository's training set, its candidate pairs built once for the ranker tests (a few seconds).</summary>
public sealed class TrainingSetFixture
{
    public TrainingSetFixture()
    {
        var folder = Path.Combine(RepoRoot(), "models", "training-set");
        var files = TrainingFiles.Read(Path.Combine(folder, "offers.jsonl"), Path.Combine(folder, "needs.jsonl"), Path.Combine(folder, "judgments.jsonl"));
        Groups = RankerTraining.BuildPairs(DefaultFeaturizer.Model, files.Offers, files.Needs, files.Judgments);
        (Train, Test) = RankerTraining.Split(Groups, seed: 1);
    }

    public List<PairGroup> Groups { get; }

    public List<PairGroup> Train { get; }

    public List<PairGroup> Test { get; }

    /// <summary>A learned model's file (LightGBM, seed 1), made once: the refusal tests corrupt it.</summary>
    public byte[] LearnedFile => _learnedFile ??= Fit(seed: 1).ToBytes();

    private byte[]? _learnedFile;

    public Ranker Fit(int seed, RankerTrainer trainer = RankerTrainer.LightGbm) =>
        RankerTraining.Train(Train, trainer, new TreeSettings(), seed, "test-1", DefaultFeaturizer.Version, DateTimeOffset.UnixEpoch);

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Matching.sln not found above " + AppContext.BaseDirectory);
    }
}
