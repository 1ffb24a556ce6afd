using Matching.Contracts;

namespace Matching.Tests.Cluster;

/// <summary>Grains on a real in-process silo. Each test uses its own tenant, so tests never see each other's items.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ItemGrainTests(ClusterFixture fixture)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..8];

    private IOfferGrain Offer(string id) => fixture.Grains.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, id));

    private INeedGrain Need(string id) => fixture.Grains.GetGrain<INeedGrain>(GrainKeys.Item(_tenant, id));

    internal static OfferData QuantumOffer(int trl = 6, TransferModes modes = TransferModes.License, string country = "CN") => new()
    {
        Title = "超导量子计算云平台",
        Description = "基于72比特超导量子处理器的量子计算云平台，支持量子化学模拟。",
        Keywords = ["量子计算", "云平台"],
        Field = "quantum-computing",
        Country = country,
        Trl = trl,
        TransferModes = modes,
    };

    internal static NeedData QuantumNeed() => new()
    {
        Title = "寻找量子计算云平台用于药物分子模拟",
        Keywords = ["量子计算"],
        Industry = "quantum-computing",
        Country = "CN",
    };

    [Fact]
    public async Task A_put_is_created_then_replaced_and_versions_rise_only_on_change()
    {
        var first = await Offer("o1").PutAsync(QuantumOffer());
        var same = await Offer("o1").PutAsync(QuantumOffer());
        var changed = await Offer("o1").PutAsync(QuantumOffer(trl: 7));

        Assert.True(first.Created);
        Assert.Equal(1, first.Item.Version);
        Assert.False(same.Created);
        Assert.Equal(1, same.Item.Version);
        Assert.False(changed.Created);
        Assert.Equal(2, changed.Item.Version);
        Assert.Equal(7, (await Offer("o1").GetAsync())!.Data.Trl);
    }

    [Fact]
    public async Task A_grain_refuses_invalid_data_and_stores_nothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Offer("bad").PutAsync(QuantumOffer() with { Title = "  " }));
        Assert.Null(await Offer("bad").GetAsync());
    }

    [Fact]
    public async Task A_need_finds_the_matching_offer_across_shards_with_reasons()
    {
        for (var i = 0; i < 12; i++)
        {
            await Offer($"filler-{i}").PutAsync(new OfferData { Title = $"Lithium battery cell {i}", Description = "Cathode coating for battery packs." });
        }

        await Offer("q").PutAsync(QuantumOffer());
        await Need("n").PutAsync(QuantumNeed());

        var shortlist = await Need("n").GetShortlistAsync(3, fresh: true);

        Assert.NotNull(shortlist);
        var top = Assert.Single(shortlist!.Items);
        Assert.Equal("q", top.Id);
        Assert.InRange(top.Score, 0.05, 1.0);
        Assert.Contains("量子计算", top.Reasons);
        Assert.Contains("same field quantum-computing", top.Reasons);
    }

    [Fact]
    public async Task An_offer_finds_the_needs_it_fits()
    {
        await Need("n").PutAsync(QuantumNeed());
        await Need("other").PutAsync(new NeedData { Title = "Corrosion protection for iron castings" });
        await Offer("q").PutAsync(QuantumOffer());

        var shortlist = await Offer("q").GetShortlistAsync(3, fresh: true);

        Assert.Equal(["n"], shortlist!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_withdrawn_offer_leaves_every_shortlist_and_reads_as_unknown()
    {
        await Offer("q").PutAsync(QuantumOffer());
        await Need("n").PutAsync(QuantumNeed());
        Assert.Single((await Need("n").GetShortlistAsync(3, true))!.Items);

        Assert.True(await Offer("q").DeleteAsync());

        Assert.Empty((await Need("n").GetShortlistAsync(3, true))!.Items);
        Assert.Null(await Offer("q").GetAsync());
        Assert.Null(await Offer("q").GetShortlistAsync(3, true));
        Assert.False(await Offer("q").DeleteAsync());
    }

    [Fact]
    public async Task A_recreated_item_continues_its_version()
    {
        await Offer("q").PutAsync(QuantumOffer());
        await Offer("q").DeleteAsync();
        var again = await Offer("q").PutAsync(QuantumOffer());
        Assert.True(again.Created);
        Assert.Equal(2, again.Item.Version);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(4, false)]
    public async Task Min_trl_excludes_offers_below_it(int offerTrl, bool shortlisted)
    {
        await Offer("q").PutAsync(QuantumOffer(trl: offerTrl));
        await Need("n").PutAsync(QuantumNeed() with { MinTrl = 5 });

        var items = (await Need("n").GetShortlistAsync(3, true))!.Items;

        Assert.Equal(shortlisted, items.Any(i => i.Id == "q"));
        if (shortlisted)
        {
            Assert.Contains("trl 5 >= 5", items[0].Reasons);
        }
    }

    [Theory]
    [InlineData(TransferModes.License, TransferModes.License | TransferModes.Equity, true)]
    [InlineData(TransferModes.Assignment, TransferModes.License | TransferModes.Equity, false)]
    [InlineData(TransferModes.None, TransferModes.Equity, true)]
    [InlineData(TransferModes.Assignment, TransferModes.None, true)]
    public async Task Transfer_modes_must_overlap_when_both_sides_state_them(TransferModes offer, TransferModes need, bool shortlisted)
    {
        await Offer("q").PutAsync(QuantumOffer(modes: offer));
        await Need("n").PutAsync(QuantumNeed() with { TransferModes = need });

        var items = (await Need("n").GetShortlistAsync(3, true))!.Items;

        Assert.Equal(shortlisted, items.Any(i => i.Id == "q"));
    }

    [Theory]
    [InlineData("CN", true, true)]
    [InlineData("GB", true, true)]
    [InlineData("GB", false, false)]
    [InlineData("CN", false, true)]
    public async Task A_need_that_refuses_foreign_offers_sees_only_its_own_country(string offerCountry, bool acceptForeign, bool shortlisted)
    {
        await Offer("q").PutAsync(QuantumOffer(country: offerCountry));
        await Need("n").PutAsync(QuantumNeed() with { AcceptForeign = acceptForeign });

        Assert.Equal(shortlisted, (await Need("n").GetShortlistAsync(3, true))!.Items.Any(i => i.Id == "q"));
        Assert.Equal(shortlisted, (await Offer("q").GetShortlistAsync(3, true))!.Items.Any(i => i.Id == "n"));
    }

    [Fact]
    public async Task Shortlists_hold_at_most_k_items_sorted_by_score_then_id()
    {
        for (var i = 0; i < 9; i++)
        {
            await Offer($"o{i}").PutAsync(new OfferData { Title = "Proton therapy cyclotron", Description = i % 2 == 0 ? "Compact superconducting cyclotron." : null });
        }

        await Need("n").PutAsync(new NeedData { Title = "Proton therapy cyclotron for a hospital" });
        await fixture.WaitForQuietAsync(_tenant); // the statistics of all nine offers

        var items = (await Need("n").GetShortlistAsync(5, true))!.Items;

        Assert.Equal(5, items.Length);
        var expected = items.OrderByDescending(i => i.Score).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, items);
        // The title-only offers rank first (BM25's length normalization: the description adds length, one term); equal ones by id.
        Assert.Equal(["o1", "o3", "o5", "o7", "o0"], items.Select(i => i.Id));
    }

    [Fact]
    public async Task Status_counts_items_over_all_shards()
    {
        for (var i = 0; i < 10; i++)
        {
            await Offer($"o{i}").PutAsync(QuantumOffer());
        }

        await Need("n").PutAsync(QuantumNeed());
        await Offer("o0").DeleteAsync();
        await fixture.WaitForQuietAsync(_tenant);

        var status = await fixture.Grains.GetGrain<ISearchGrain>(0).GetStatusAsync(_tenant);

        Assert.Equal(9, status.Offers);
        Assert.Equal(1, status.Needs);
        Assert.Equal(ClusterFixture.Shards, status.ShardsPerSide);
        Assert.Equal(0, status.Backlog.Pending);
    }

    [Fact]
    public async Task An_ad_hoc_need_is_answered_without_being_stored()
    {
        await Offer("q").PutAsync(QuantumOffer());
        var search = fixture.Grains.GetGrain<ISearchGrain>(0);

        var shortlist = await search.ShortlistForNeedAsync(_tenant, QuantumNeed(), 3);

        Assert.Equal("q", Assert.Single(shortlist.Items).Id);
        Assert.Equal(0, (await search.GetStatusAsync(_tenant)).Needs);
    }
}
