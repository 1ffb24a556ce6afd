using Orleans.Concurrency;

namespace Matching.Grains;

/// <summary>
/// Stateless: ad-hoc shortlists, batch imports and tenant status, on whichever silo the call lands. Reentrant (it holds
/// no state), so that an import or a consistency scan of minutes never holds up a shortlist or a status read.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class SearchGrain(ShortlistBuilder shortlists, ModelHost models) : Grain, ISearchGrain
{
    // A batch writes items concurrently; bounded so that one import cannot flood the silo's queues.
    private const int BatchConcurrency = 32;

    public Task<Shortlist> ShortlistForNeedAsync(string tenant, NeedData need, int k)
    {
        var (normalized, errors) = ItemRules.Validate(need);
        if (errors.Count > 0)
        {
            throw ItemRules.Invalid(errors, nameof(need));
        }

        var profile = models.Featurizer.NeedProfile(ItemText.Of(normalized), out var vector);
        return shortlists.BuildAsync(tenant, Side.Offers, (profile, vector), ItemFacts.Of(normalized), k);
    }

    public async Task<ConsistencyReport> CheckAsync(string tenant, int sample, int seed)
    {
        var backlog = (await GetStatusAsync(tenant)).Backlog;
        var perShard = sample <= 0 ? 0 : Math.Max(1, (sample + shortlists.ShardCount - 1) / shortlists.ShardCount);
        long checkedCount = 0, mismatched = 0;
        var listed = new List<Mismatch>();
        foreach (var side in new[] { Side.Offers, Side.Needs })
        {
            foreach (var shard in shortlists.Shards(tenant, side))
            {
                foreach (var wave in (await shard.SampleIdsAsync(perShard, seed)).Chunk(32))
                {
                    var compared = await Task.WhenAll(wave.Select(id => CompareAsync(tenant, side, id)));
                    foreach (var mismatch in compared.OfType<Mismatch>())
                    {
                        mismatched++;
                        if (listed.Count < ConsistencyReport.MaxListed)
                        {
                            listed.Add(mismatch);
                        }
                    }

                    checkedCount += wave.Length;
                }
            }
        }

        return new ConsistencyReport(checkedCount, mismatched, [.. listed], backlog);
    }

    private async Task<Mismatch?> CompareAsync(string tenant, Side side, string id)
    {
        IItemGrain item = side == Side.Offers
            ? GrainFactory.GetGrain<IOfferGrain>(GrainKeys.Item(tenant, id))
            : GrainFactory.GetGrain<INeedGrain>(GrainKeys.Item(tenant, id));
        var kept = await item.GetShortlistAsync(KeptShortlist.Capacity, fresh: false);
        var fresh = await item.GetShortlistAsync(KeptShortlist.Capacity, fresh: true);
        if (kept is null || fresh is null)
        {
            return null; // withdrawn between the sample and the read
        }

        var same = kept.Items.Length == fresh.Items.Length
            && kept.Items.Zip(fresh.Items).All(p => p.First.Id == p.Second.Id && p.First.Score == p.Second.Score);
        return same ? null : new Mismatch(side, id, kept.Items, fresh.Items);
    }

    public Task ImportOffersAsync(string tenant, BatchItem<OfferData>[] offers, CancellationToken cancellationToken) =>
        ImportAsync(tenant, Side.Offers, offers, id => GrainFactory.GetGrain<IOfferGrain>(GrainKeys.Item(tenant, id)), cancellationToken);

    public Task ImportNeedsAsync(string tenant, BatchItem<NeedData>[] needs, CancellationToken cancellationToken) =>
        ImportAsync(tenant, Side.Needs, needs, id => GrainFactory.GetGrain<INeedGrain>(GrainKeys.Item(tenant, id)), cancellationToken);

    private async Task ImportAsync<TData>(string tenant, Side side, BatchItem<TData>[] items, Func<string, IItemGrain<TData>> grain, CancellationToken cancellationToken)
    {
        // On the activation's scheduler: grain calls are made from the grain's context, never from the thread pool.
        var options = new ParallelOptions { MaxDegreeOfParallelism = BatchConcurrency, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current };
        if (items.Length < ISearchGrain.BulkImportItems)
        {
            // Admitted or refused whole, so that a refusal stores nothing; each item then propagates at once. Each
            // propagator its items queue on admits as many writes, so that it counts them until they queue.
            var waits = await Task.WhenAll(items.GroupBy(x => shortlists.ShardOf(x.Id))
                .Select(g => GrainFactory.GetGrain<IPropagatorGrain>(GrainKeys.Shard(tenant, side, g.Key)).AdmitAsync(g.Count())));
            var wait = waits.DefaultIfEmpty(TimeSpan.Zero).Max();
            if (wait > TimeSpan.Zero)
            {
                throw new BacklogFullException(wait);
            }

            await Parallel.ForEachAsync(items, options, async (x, _) => await grain(x.Id).PutAdmittedAsync(x.Data));
            return;
        }

        await ImportStartingAsync(tenant);
        try
        {
            await Parallel.ForEachAsync(items, options, async (x, _) => await grain(x.Id).ImportAsync(x.Data));
        }
        finally
        {
            await SweepAfterImportAsync(tenant, side); // also releases the hold when the import stopped midway
        }
    }

    public Task SweepAfterImportAsync(string tenant, Side imported) =>
        Task.WhenAll(shortlists.Propagators(tenant)
            .Select(p => p.BatchEndedAsync(all: GrainKeys.ParseShard(p.GetPrimaryKeyString()).Side != imported))
            .Append(GrainFactory.GetGrain<IStatisticsGrain>(tenant).BatchEndedAsync()));

    public Task ImportStartingAsync(string tenant) =>
        Task.WhenAll(shortlists.Propagators(tenant).Select(p => p.BatchStartedAsync())
            .Append(GrainFactory.GetGrain<IStatisticsGrain>(tenant).BatchStartedAsync()));

    public Task RefreshAllAsync(string tenant) =>
        Task.WhenAll(shortlists.Propagators(tenant).Select(p => p.SweepAsync(all: true)));

    public async Task<ServedPair?> PairAsync(string tenant, string needId, string offerId)
    {
        var ranker = models.Ranker;
        var needShard = GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, Side.Needs, shortlists.ShardOf(needId)));
        var offerShard = GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, Side.Offers, shortlists.ShardOf(offerId)));
        var need = await needShard.GetEntryAsync(needId);
        // Scored where the offer is, under the shards' statistics, as a shortlist of the need would score it.
        var pair = need is null ? null : (await offerShard.ScoreAsync([offerId], new IndexQuery(need.Text, need.Facts, 1))).Candidates.FirstOrDefault();
        return pair is null ? null : new ServedPair(ranker.Version, ranker.Score(pair.Features), PairFeatures.Names, pair.Features);
    }

    public async Task<TenantStatus> GetStatusAsync(string tenant)
    {
        // A refresh that is due counts as one pending item until it has queued the recomputation of every list. Read
        // before the propagators: a refresh that ends between the two reads has queued its sweeps where they are read.
        var statistics = await GrainFactory.GetGrain<IStatisticsGrain>(tenant).GetStatusAsync();
        var sweeps = await Task.WhenAll(shortlists.Propagators(tenant).Select(p => p.GetSweepProgressAsync()));
        var offers = await Task.WhenAll(shortlists.Shards(tenant, Side.Offers).Select(s => s.GetStatsAsync()));
        var needs = await Task.WhenAll(shortlists.Shards(tenant, Side.Needs).Select(s => s.GetStatsAsync()));
        var backlogs = await Task.WhenAll(shortlists.Propagators(tenant).Select(p => p.GetBacklogAsync()));
        return new TenantStatus(
            offers.Sum(s => (long)s.Items),
            needs.Sum(s => (long)s.Items),
            shortlists.ShardCount,
            models.Version,
            new Backlog(backlogs.Sum(b => b.Pending) + (statistics.RefreshDue ? 1 : 0), Math.Max(backlogs.Max(b => b.OldestAgeMs), statistics.DueForMs)),
            statistics,
            Progress(offers.Concat(needs).Sum(s => s.Imported), sweeps));
    }

    private static ImportProgress Progress(long imported, SweepProgress[] sweeps)
    {
        var (left, pace) = (sweeps.Sum(s => s.ListsLeft), sweeps.Sum(s => s.ListsPerSecond));
        return new ImportProgress(imported, sweeps.Sum(s => s.ListsComputed), left,
            left > 0 && pace > 0 ? Math.Round(left / pace, 1) : null);
    }
}
