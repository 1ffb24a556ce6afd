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
        // Enough postings that the reweigh takes far longer than one grain call (about 8 million).
        const int items = 8_000, terms = 1_000, vocabulary = 20_000;
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

        // Ten snapshots in a row: the shard reweighs for each in turn (about 0.3 s each here), so a stats call that
        // interleaves answers long before the last is done, and one that waited would answer after it.
        var reweighs = Enumerable.Range(1, 10)
            .Select(v => shard.UseStatisticsAsync(new StatisticsSnapshot((long.MaxValue / 2) + v, items, (long)items * terms, used, frequencies, DateTimeOffset.UtcNow)))
            .ToArray();
        var during = await shard.GetStatsAsync();

        Assert.False(reweighs[^1].IsCompleted, "the stats waited for the reweighs");
        Assert.Equal(before, during);
        await Task.WhenAll(reweighs);
        Assert.Equal(before, await shard.GetStatsAsync());
    }
}
