using Matching.Contracts;

namespace Matching.Tests.Cluster;

/// <summary>
/// When the statistics snapshot is taken again: once offers' terms have changed enough, never for rewrites that keep
/// every term (a TRL, a mode), since a refresh rescores every kept list.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StatisticsDriftTests(ClusterFixture fixture)
{
    private readonly string _tenant = "s" + Guid.NewGuid().ToString("N")[..8];

    private IStatisticsGrain Statistics => fixture.Grains.GetGrain<IStatisticsGrain>(_tenant);

    private Task Put(int i, string text, int trl) =>
        fixture.Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, $"o{i}")).PutAsync(new OfferData { Title = text, Trl = trl });

    [Fact]
    public async Task Rewrites_that_keep_the_terms_do_not_drift_and_new_terms_do()
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

        var unchanged = await Statistics.GetStatusAsync();
        Assert.False(unchanged.RefreshDue);
        Assert.Equal(first.Version, unchanged.Version);

        // One offer in ten with new words is the default drift (10%): a refresh is due at once, then taken.
        await Put(0, "Sodium-ion battery cathode coating with a long description of its layers", trl: 7);
        var drifted = await Statistics.GetStatusAsync();
        Assert.True(drifted.RefreshDue || drifted.Version > first.Version);
        await fixture.WaitForQuietAsync(_tenant);
        var refreshed = await Statistics.GetStatusAsync();
        Assert.True(refreshed.Version > first.Version);
        Assert.False(refreshed.RefreshDue);
        Assert.True(refreshed.AverageLength > first.AverageLength);
        Assert.True(refreshed.Terms > first.Terms);
    }
}
