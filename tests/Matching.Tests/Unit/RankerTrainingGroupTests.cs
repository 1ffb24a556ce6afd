using Matching.Ranking;

namespace Matching.Tests.Unit;

/// <summary>
/// Every need given to <see cref="RankerTraining.Train"/> is a query group the trainer learns from, wherever it
/// comes in the list: ML.NET reads a key column of <c>LoadFromEnumerable</c> as a 0-based index and treats a value
/// at or above the declared count as missing, and a ranking trainer skips rows whose group is missing.
/// </summary>
public sealed class RankerTrainingGroupTests
{
    private static readonly TreeSettings Small = new(Trees: 20, Leaves: 4, MinLeaf: 2);

    /// <summary>
    /// A need's pool of 20 candidates; when <paramref name="relevant"/>, the first 3 are graded 4, 3 and 3 and have the
    /// higher cosine (feature 0), so a ranker that learned from the need puts them first. Other features are noise.
    /// </summary>
    private static PairGroup Need(string id, bool relevant, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 20).Select(i =>
        {
            var good = relevant && i < 3;
            var features = Enumerable.Range(0, PairFeatures.Width).Select(_ => (float)random.NextDouble()).ToArray();
            features[0] = good ? 0.6f + (0.4f * (float)random.NextDouble()) : 0.6f * (float)random.NextDouble();
            return new PairRow($"{id}-o{i:00}", features, good ? (i == 0 ? 4 : 3) : 0);
        }).ToArray();
        return new PairGroup(id, rows, relevant ? [4, 3, 3] : []);
    }

    private static Ranker Train(IReadOnlyList<PairGroup> groups, RankerTrainer trainer) =>
        RankerTraining.Train(groups, trainer, Small, seed: 1, "t-1", DefaultFeaturizer.Version, DateTimeOffset.UnixEpoch);

    /// <summary>Whether the model scores every relevant candidate of the need above every other one.</summary>
    private static void AssertLearned(Ranker model, PairGroup need)
    {
        var relevant = need.Rows.Where(r => r.Grade > 0).Min(r => model.Raw(r.Features));
        var others = need.Rows.Where(r => r.Grade == 0).Max(r => model.Raw(r.Features));
        Assert.True(relevant > others, $"lowest relevant {relevant} not above highest other {others}");
    }

    [Theory]
    [InlineData(RankerTrainer.LightGbm)]
    [InlineData(RankerTrainer.FastTree)]
    public void The_last_need_is_learned_from_when_it_is_the_only_one_with_a_relevant_offer(RankerTrainer trainer)
    {
        var last = Need("n2", relevant: true, seed: 2);

        var model = Train([Need("n1", relevant: false, seed: 1), last], trainer);

        AssertLearned(model, last);
    }

    [Theory]
    [InlineData(RankerTrainer.LightGbm)]
    [InlineData(RankerTrainer.FastTree)]
    public void A_single_need_trains(RankerTrainer trainer)
    {
        var only = Need("n1", relevant: true, seed: 1);

        var model = Train([only], trainer);

        AssertLearned(model, only);
    }

    [Theory]
    [InlineData(RankerTrainer.LightGbm)]
    public void The_order_of_the_needs_does_not_decide_which_are_learned_from(RankerTrainer trainer)
    {
        var a = Need("n1", relevant: false, seed: 1);
        var b = Need("n2", relevant: true, seed: 2);
        var c = Need("n3", relevant: true, seed: 3);
        var probe = new[] { a, b, c }.SelectMany(g => g.Rows).Select(r => r.Features).ToArray();

        var forward = Train([a, b, c], trainer);
        var backward = Train([c, b, a], trainer);

        // The same pairs in other groups' order: the same trees up to the order of floating-point sums.
        Assert.Equal(probe.Select(f => Math.Round(forward.Raw(f), 3)), probe.Select(f => Math.Round(backward.Raw(f), 3)));
    }

    [Fact]
    public void FastTree_learns_from_every_need_in_either_order()
    {
        // FastTree's trees follow the rows' order (its near-tied splits are decided by float sums), so compare what it learned.
        var a = Need("n1", relevant: false, seed: 1);
        var b = Need("n2", relevant: true, seed: 2);
        var c = Need("n3", relevant: true, seed: 3);

        foreach (var model in new[] { Train([a, b, c], RankerTrainer.FastTree), Train([c, b, a], RankerTrainer.FastTree) })
        {
            AssertLearned(model, b);
            AssertLearned(model, c);
        }
    }
}
