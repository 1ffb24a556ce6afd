using Matching.Contracts;

namespace Matching.Tests.Cluster;

/// <summary>An index shard as status and readiness see it while it reweighs for a new statistics snapshot.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IndexShardTests(ClusterFixture fixture)
{
    private readonly string _tenant = "x" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_shard_answers_its_stats_while_it_reweighs()
    {
        // Enough postings that the reweigh takes far longer than one grain call (12 million: about half a second here).
        const int items = 12_000, terms = 1_000, vocabulary = 20_000;
        var shard = fixture.Grains.GetGrain<IIndexShardGrain>(GrainKeys.Shard(_tenant, Side.Offers, 0));
        var documentFrequencies = new int[vocabulary];
        var facts = new ItemFacts("energy", "CN", 6, TransferModes.License, true);
        for (var i = 0; i < items; i++)
        {
            var slots = Enumerable.Range(0, terms).Select(j => (j * (vocabulary / terms)) + (i % (vocabulary / terms))).ToArray();
            foreach (var slot in slots)
            {
                documentFrequencies[slot]++;
            }

            var weights = TextProfile.Halves(Enumerable.Repeat(1 / MathF.Sqrt(terms), terms).ToArray());
            var text = new TextProfile(slots, weights, TextProfile.Halves(Enumerable.Repeat(1f, terms).ToArray()), terms, [], [], [], [], Language.English);
            await shard.UpsertAsync(new IndexEntry($"o{i}", "Offer", facts, 1, text), KeptMark.Unsettled(0));
        }

        var before = await shard.GetStatsAsync();
        var used = Enumerable.Range(0, vocabulary).Where(s => documentFrequencies[s] > 0).ToArray();
        var frequencies = used.Select(s => documentFrequencies[s]).ToArray();

        // Asked again and again while one reweigh runs: an answer given during it says so. A reweigh in the grain's turn
        // could only be answered before or after it, never with Reweighing set, whatever the timing on this side.
        var reweigh = shard.UseStatisticsAsync(new StatisticsSnapshot(long.MaxValue / 2, items, (long)items * terms, used, frequencies, DateTimeOffset.UtcNow));
        var answers = new List<ShardStats>();
        while (!reweigh.IsCompleted)
        {
            answers.Add(await shard.GetStatsAsync());
        }

        await reweigh;
        Assert.Contains(answers, a => a.Reweighing);
        Assert.All(answers, a => Assert.Equal(before, a with { Reweighing = false }));
        Assert.Equal(before, await shard.GetStatsAsync());
    }
}
