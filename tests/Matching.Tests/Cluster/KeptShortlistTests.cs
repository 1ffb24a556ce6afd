using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Matching.Tests.Cluster;

/// <summary>
/// Kept shortlists: the written item's own list is current when the write returns; the other side's lists are
/// current once the backlog has drained, and then equal a fresh computation. Each test has its own tenant.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeptShortlistTests(ClusterFixture fixture)
{
    private readonly string _tenant = "k" + Guid.NewGuid().ToString("N")[..8];

    private IOfferGrain Offer(string id) => fixture.Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, id));

    private INeedGrain Need(string id) => fixture.Grains.GetGrain<INeedGrain>(GrainKeys.Item(_tenant, id));

    private static OfferData Battery(string title = "Solid-state battery electrolyte", int trl = 6, TransferModes modes = TransferModes.License, string country = "CN") =>
        new() { Title = title, Keywords = ["solid-state battery"], Field = "batteries", Country = country, Trl = trl, TransferModes = modes };

    private static NeedData BatteryNeed(int? minTrl = null, TransferModes modes = TransferModes.None, bool acceptForeign = true) =>
        new() { Title = "Need a solid-state battery electrolyte supplier", Industry = "batteries", Country = "CN", MinTrl = minTrl, TransferModes = modes, AcceptForeign = acceptForeign };

    private static async Task<string[]> Ids(IItemGrain grain, bool fresh = false) =>
        (await grain.GetShortlistAsync(KeptShortlist.Capacity, fresh))?.Items.Select(i => i.Id).ToArray() ?? [];

    [Fact]
    public async Task The_written_items_own_list_is_current_when_the_write_returns()
    {
        await Offer("a").PutAsync(Battery());
        await Offer("b").PutAsync(Battery("Battery electrolyte coating"));
        await Need("n").PutAsync(BatteryNeed());
        Assert.Equal(["a", "b"], await Ids(Need("n")));

        await Offer("c").PutAsync(Battery("Solid-state battery electrolyte film"));
        Assert.Equal(["n"], await Ids(Offer("c")));
    }

    [Fact]
    public async Task A_list_holds_the_best_items_even_when_one_shard_holds_most_of_them()
    {
        // The first phase asks each shard for a share of the list first; a shard that holds more of the best than
        // its share must be asked again, or the list would fill up with weaker items from the other shards.
        var strong = Enumerable.Range(0, 1000).Select(i => $"strong-{i}").Where(id => GrainKeys.ShardOf(id, ClusterFixture.Shards) == 0).Take(25).ToArray();
        var weak = Enumerable.Range(0, 1000).Select(i => $"weak-{i}").Where(id => GrainKeys.ShardOf(id, ClusterFixture.Shards) != 0).Take(25).ToArray();
        foreach (var id in strong)
        {
            await Offer(id).PutAsync(Battery("Need a solid-state battery electrolyte supplier"));
        }

        foreach (var id in weak)
        {
            await Offer(id).PutAsync(Battery("Battery recycling plant"));
        }

        await Need("n").PutAsync(BatteryNeed());

        Assert.All(await Ids(Need("n")), id => Assert.Contains(id, strong));
        Assert.All(await Ids(Need("n"), fresh: true), id => Assert.Contains(id, strong));
    }

    [Fact]
    public void Offers_and_needs_are_collected_after_Matching_ItemIdleAge()
    {
        var collection = fixture.SiloServices.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.Equal(ClusterFixture.ItemIdleAge, collection.ClassSpecificCollectionAge[typeof(OfferGrain).FullName!]);
        Assert.Equal(ClusterFixture.ItemIdleAge, collection.ClassSpecificCollectionAge[typeof(NeedGrain).FullName!]);
    }

    [Fact]
    public async Task A_list_whose_item_was_collected_while_idle_is_current_when_it_is_called_again()
    {
        // Idle items are collected (Matching:ItemIdleAge) so that memory holds the items in use. Storage keeps the
        // record and the index the list's mark, so a change of the other side made meanwhile still reaches the list.
        await Offer("a").PutAsync(Battery("Battery electrolyte coating"));
        await Need("n").PutAsync(BatteryNeed());
        await fixture.WaitForQuietAsync(_tenant); // a statistics refresh's recomputation would wake the need again
        Assert.Equal(["a"], await Ids(Need("n")));

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        async Task<bool> Active() => (await management.GetDetailedGrainStatistics()).Any(s => s.GrainId.Key.ToString() == GrainKeys.Item(_tenant, "n"));
        Assert.True(await Active());
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.False(await Active());

        await Offer("b").PutAsync(Battery());
        await fixture.WaitForQuietAsync(_tenant);
        var fresh = await Ids(Need("n"), fresh: true);
        Assert.Equal(["a", "b"], fresh.Order());
        Assert.Equal(fresh, await Ids(Need("n")));
    }

    [Fact]
    public async Task A_new_offer_enters_the_lists_of_needs_written_before_it_and_a_new_need_those_of_offers()
    {
        await Need("n1").PutAsync(BatteryNeed());
        await Need("n2").PutAsync(BatteryNeed(minTrl: 8));
        await Offer("o").PutAsync(Battery());
        await fixture.WaitForQuietAsync(_tenant);

        Assert.Equal(["o"], await Ids(Need("n1")));
        Assert.Empty(await Ids(Need("n2"))); // trl 6 < 8
        Assert.Equal(["n1"], await Ids(Offer("o")));

        await Need("n3").PutAsync(BatteryNeed());
        await fixture.WaitForQuietAsync(_tenant);
        Assert.Equal(["n1", "n3"], await Ids(Offer("o")));
    }

    [Fact]
    public async Task An_update_moves_an_offer_in_the_kept_lists_as_a_fresh_computation_would()
    {
        // The served order is the ranker's, which a new default model may change: compare with the fresh list,
        // not with a fixed order.
        await Offer("good").PutAsync(Battery("Solid-state battery electrolyte"));
        await Offer("weak").PutAsync(Battery("Battery recycling plant"));
        await Need("n").PutAsync(BatteryNeed());
        var before = await Scored(Need("n"));
        Assert.Equal(["good", "weak"], before.Select(i => i.Id).Order());

        await Offer("weak").PutAsync(Battery("Solid-state battery electrolyte supplier"));
        await fixture.WaitForQuietAsync(_tenant);
        var improved = await Scored(Need("n"));
        Assert.Equal(await Scored(Need("n"), fresh: true), improved);
        Assert.NotEqual(before.Single(i => i.Id == "weak").Score, improved.Single(i => i.Id == "weak").Score);

        // Back as it was: the same order, scored under the statistics of now (each write may refresh them).
        await Offer("weak").PutAsync(Battery("Battery recycling plant"));
        await fixture.WaitForQuietAsync(_tenant);
        var after = await Scored(Need("n"));
        Assert.Equal(await Scored(Need("n"), fresh: true), after);
        Assert.Equal(before.Select(i => i.Id), after.Select(i => i.Id));
    }

    private static async Task<(string Id, double Score)[]> Scored(IItemGrain grain, bool fresh = false) =>
        (await grain.GetShortlistAsync(KeptShortlist.Capacity, fresh))!.Items.Select(i => (i.Id, i.Score)).ToArray();

    [Fact]
    public async Task A_withdrawn_item_leaves_every_kept_list_on_the_other_side()
    {
        await Offer("o1").PutAsync(Battery());
        await Offer("o2").PutAsync(Battery("Battery electrolyte coating"));
        await Need("n1").PutAsync(BatteryNeed());
        await Need("n2").PutAsync(BatteryNeed());
        await fixture.WaitForQuietAsync(_tenant);

        await Offer("o1").DeleteAsync();
        await Need("n2").DeleteAsync();
        await fixture.WaitForQuietAsync(_tenant);

        Assert.Equal(["o2"], await Ids(Need("n1")));
        Assert.Equal(["n1"], await Ids(Offer("o2")));
        Assert.Null(await Need("n2").GetShortlistAsync(3, fresh: false));
    }

    [Fact]
    public async Task Hard_rule_changes_take_effect_in_both_directions()
    {
        await Offer("o").PutAsync(Battery(trl: 6, modes: TransferModes.License, country: "GB"));
        await Need("n").PutAsync(BatteryNeed());
        await fixture.WaitForQuietAsync(_tenant);
        Assert.Equal(["o"], await Ids(Need("n")));
        Assert.Equal(["n"], await Ids(Offer("o")));

        // Each change refuses the pair: the need's own list at once, the offer's once the backlog drains.
        NeedData[] refusals = [BatteryNeed(minTrl: 7), BatteryNeed(modes: TransferModes.Equity), BatteryNeed(acceptForeign: false)];
        foreach (var refusal in refusals)
        {
            await Need("n").PutAsync(refusal);
            Assert.Empty(await Ids(Need("n")));
            await fixture.WaitForQuietAsync(_tenant);
            Assert.Empty(await Ids(Offer("o")));

            await Need("n").PutAsync(BatteryNeed());
            await fixture.WaitForQuietAsync(_tenant);
            Assert.Equal(["n"], await Ids(Offer("o")));
        }

        // And from the offer's side: the trl falls below the need's minimum.
        await Need("n").PutAsync(BatteryNeed(minTrl: 5));
        await Offer("o").PutAsync(Battery(trl: 4, country: "GB"));
        Assert.Empty(await Ids(Offer("o")));
        await fixture.WaitForQuietAsync(_tenant);
        Assert.Empty(await Ids(Need("n")));
    }

    [Fact]
    public async Task A_full_list_replaces_lost_items_from_its_reserve_and_then_from_the_index()
    {
        var count = KeptShortlist.Capacity + ClusterFixture.Reserve + 5;
        for (var i = 0; i < count; i++)
        {
            // Longer descriptions dilute the shared words, so the offers rank in the order they are written.
            var filler = string.Join(' ', Enumerable.Range(0, i).Select(j => $"filler{j}"));
            await Offer($"o{i:D2}").PutAsync(Battery() with { Description = filler });
        }

        await Need("n").PutAsync(BatteryNeed());
        // The list serves the best Capacity by text similarity, in the ranker's order.
        var before = await Ids(Need("n"));
        Assert.Equal(Enumerable.Range(0, KeptShortlist.Capacity).Select(i => $"o{i:D2}"), before.Order(StringComparer.Ordinal));

        // The first losses are replaced from the reserve; past it, the list asks the index again.
        for (var lost = 1; lost <= ClusterFixture.Reserve + 2; lost++)
        {
            await Offer($"o{lost - 1:D2}").DeleteAsync();
            await fixture.WaitForQuietAsync(_tenant);
            Assert.Equal(Enumerable.Range(lost, KeptShortlist.Capacity).Select(i => $"o{i:D2}"), (await Ids(Need("n"))).Order(StringComparer.Ordinal));
        }

        Assert.Equal(await Ids(Need("n"), fresh: true), await Ids(Need("n")));
    }

    [Fact]
    public async Task Kept_reads_of_up_to_the_kept_length_are_prefixes_and_larger_k_is_computed_over_a_deeper_pool()
    {
        for (var i = 0; i < 25; i++)
        {
            await Offer($"o{i:D2}").PutAsync(Battery($"Solid-state battery electrolyte variant {i}"));
        }

        await Need("n").PutAsync(BatteryNeed());
        var three = await Need("n").GetShortlistAsync(3, fresh: false);
        var twenty = await Need("n").GetShortlistAsync(20, fresh: false);
        var fifty = await Need("n").GetShortlistAsync(50, fresh: false);

        Assert.Equal(twenty!.Items.Take(3).Select(i => i.Id), three!.Items.Select(i => i.Id));
        // Beyond the kept length the ranker orders a deeper pool (the best 50 by similarity), computed on demand.
        Assert.Equal(25, fifty!.Items.Length);
        Assert.Equal((await Need("n").GetShortlistAsync(50, fresh: true))!.Items.Select(i => (i.Id, i.Score)), fifty.Items.Select(i => (i.Id, i.Score)));
        Assert.Equal((await Need("n").GetShortlistAsync(20, fresh: true))!.Items.Select(i => (i.Id, i.Score)), twenty.Items.Select(i => (i.Id, i.Score)));
    }

    [Fact]
    public async Task A_bulk_import_leaves_lists_to_a_sweep_and_a_read_before_it_computes_at_once()
    {
        await Need("early").PutAsync(BatteryNeed());
        for (var i = 0; i < 5; i++)
        {
            await Offer($"o{i}").ImportAsync(Battery($"Solid-state battery electrolyte grade {i}"));
            await Need($"n{i}").ImportAsync(BatteryNeed());
        }

        // Not propagated yet: the need written before the import has not been told.
        Assert.Empty(await Ids(Need("early")));
        // An imported item's own list is computed when first read.
        Assert.Equal(5, (await Ids(Need("n0"))).Length);

        var search = fixture.Grains.GetGrain<ISearchGrain>(0);
        await search.SweepAfterImportAsync(_tenant, Side.Offers);
        await search.SweepAfterImportAsync(_tenant, Side.Needs);
        // The other side's sweep waits for the import to pause (Matching:SweepQuiet); the status counts it meanwhile.
        Assert.True((await search.GetStatusAsync(_tenant)).Backlog.Pending > 0);
        await fixture.WaitForQuietAsync(_tenant);

        Assert.Equal(5, (await Ids(Need("early"))).Length);
        Assert.Equal(6, (await Ids(Offer("o3"))).Length);
        var report = await search.CheckAsync(_tenant, sample: 0, seed: 1);
        Assert.Equal(11, report.Checked);
        Assert.Equal(0, report.Mismatched);
    }

    [Fact]
    public async Task Items_only_a_bulk_import_and_its_sweep_woke_leave_memory_and_their_lists_stay_current()
    {
        // At a million of each, an import and its sweep wake every item: those nobody else called must not stay
        // in memory for Matching:ItemIdleAge. A need written by a user stays; the imported offers leave.
        await Need("written").PutAsync(BatteryNeed());
        // A bulk import's size: a smaller batch is a series of single writes, whose items stay like any written item.
        var offers = Enumerable.Range(0, ISearchGrain.BulkImportItems).Select(i => new BatchItem<OfferData>($"o{i}", Battery($"Solid-state battery electrolyte grade {i}"))).ToArray();
        var search = fixture.Grains.GetGrain<ISearchGrain>(0);
        await search.ImportOffersAsync(_tenant, offers);
        await fixture.WaitForQuietAsync(_tenant);

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        async Task<string[]> Active() => [.. (await management.GetDetailedGrainStatistics()).Select(s => s.GrainId.Key.ToString()!)];
        string[] imported = [.. offers.Select(o => GrainKeys.Item(_tenant, o.Id))];
        var active = await Wait.ForAsync(Active, keys => !keys.Intersect(imported).Any(), "the imported offers stayed in memory");
        Assert.Contains(GrainKeys.Item(_tenant, "written"), active); // swept too, but written by a user

        // Their lists are as current as any idle item's: each is computed again when called.
        Assert.Equal(KeptShortlist.Capacity, (await Ids(Need("written"))).Length);
        Assert.Equal(["written"], await Ids(Offer("o1")));
        Assert.Equal(0, (await search.CheckAsync(_tenant, sample: 0, seed: 1)).Mismatched);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(ISearchGrain.BulkImportItems)]
    public async Task A_batch_import_is_one_call_that_stores_every_item_and_leaves_lists_current(int count)
    {
        await Need("early").PutAsync(BatteryNeed());
        var offers = Enumerable.Range(0, count).Select(i => new BatchItem<OfferData>($"o{i}", Battery($"Solid-state battery electrolyte grade {i}"))).ToArray();

        var search = fixture.Grains.GetGrain<ISearchGrain>(0);
        await search.ImportOffersAsync(_tenant, offers);

        Assert.NotNull(await Offer($"o{count - 1}").GetAsync());
        await fixture.WaitForQuietAsync(_tenant);
        Assert.Equal(Math.Min(count, KeptShortlist.Capacity), (await Ids(Need("early"))).Length);
        Assert.Equal(count, (await search.GetStatusAsync(_tenant)).Offers);
        var report = await search.CheckAsync(_tenant, sample: 0, seed: 1);
        Assert.Equal(0, report.Mismatched);
    }
}
