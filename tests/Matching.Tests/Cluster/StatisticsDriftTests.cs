using Matching.Contracts;

namespace Matching.Tests.Cluster;

/// <summary>
/// When the statistics snapshot is taken again: once the number of offers has changed by the drift share, not for
/// rewrites at a stable size short of a whole corpus's worth of them (a refresh rescores every kept list).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StatisticsDriftTests(ClusterFixture fixture)
{
    private readonly string _tenant = "s" + Guid.NewGuid().ToString("N")[..8];

    private IStatisticsGrain Statistics => fixture.Grains.GetGrain<IStatisticsGrain>(_tenant);

    private Task Put(int i, string text, int trl) =>
        fixture.Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, $"o{i}")).PutAsync(new OfferData { Title = text, Trl = trl });

    [Fact]
    public async Task Rewrites_at_a_stable_size_do_not_drift_and_a_change_of_size_does()
    {
        for (var i = 0; i < 10; i++)
        {
            await Put(i, $"Solid electrolyte membrane {i}", trl: 4);
        }

        await fixture.WaitForQuietAsync(_tenant); // the backlog counts a refresh that is due
        var first = await Statistics.GetStatusAsync();
        Assert.Equal(10, first.Offers);

        // Every offer rewritten with another TRL: a whole corpus of writes, and not one term changed.
        for (var i = 0; i < 10; i++)
        {
            await Put(i, $"Solid electrolyte membrane {i}", trl: 7);
        }

        // One offer rewritten with other words: the size stays, and one rewrite is far from a turnover.
        await Put(0, "Sodium-ion battery cathode coating with a long description of its layers", trl: 7);
        var unchanged = await Statistics.GetStatusAsync();
        Assert.False(unchanged.RefreshDue);
        Assert.Equal(first.Version, unchanged.Version);

        // One more offer: its shard holds at most a few, so its size changes by more than the default drift (10%).
        await Put(10, "Sodium-ion battery anode", trl: 5);
        var drifted = await Statistics.GetStatusAsync();
        Assert.True(drifted.RefreshDue || drifted.Version > first.Version);
        await fixture.WaitForQuietAsync(_tenant);
        var refreshed = await Statistics.GetStatusAsync();
        Assert.True(refreshed.Version > first.Version);
        Assert.False(refreshed.RefreshDue);
        Assert.Equal(11, refreshed.Offers);
        Assert.True(refreshed.Terms > first.Terms);
    }

    [Fact]
    public async Task A_drift_during_a_bulk_batch_is_refreshed_once_the_batch_ends()
    {
        for (var i = 0; i < 10; i++)
        {
            await Put(i, $"Solid electrolyte membrane {i}", trl: 4);
        }

        await fixture.WaitForQuietAsync(_tenant);
        var first = await Statistics.GetStatusAsync();
        var search = fixture.Grains.GetGrain<ISearchGrain>(0);

        await search.ImportStartingAsync(_tenant); // a bulk batch in flight
        await Put(10, "Sodium-ion battery anode", trl: 5); // a drift, as in the test above
        // Due for three times the quiet time before a refresh: held, where it would otherwise have run.
        var held = await Wait.ForAsync(Statistics.GetStatusAsync, s => s.DueForMs > 1500 || !s.RefreshDue, "the drift was not reported");
        Assert.True(held.RefreshDue, "the statistics were refreshed under a bulk batch");
        Assert.Equal(first.Version, held.Version);

        await search.SweepAfterImportAsync(_tenant, Side.Offers); // the batch ends
        await fixture.WaitForQuietAsync(_tenant);
        var refreshed = await Statistics.GetStatusAsync();
        Assert.True(refreshed.Version > first.Version);
        Assert.Equal(11, refreshed.Offers);
    }
}
