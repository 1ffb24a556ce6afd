namespace Matching.Grains;

/// <summary>
/// The two phases of a shortlist. The first fans a query out to every shard of one side at once and merges their
/// best candidates by text similarity (each shard returns its own best that pass the hard rules, so the merged
/// best are exact); the shards compute the pair features of their candidates. The second scores each with the
/// active ranker (ML.NET) and explains it; a shortlist serves the pool in the ranker's order.
/// </summary>
public sealed class ShortlistBuilder(IGrainFactory grains, IOptions<MatchingOptions> options, ModelHost models)
{
    // The fewest candidates each shard is first asked for (see PoolAsync).
    private const int MinShare = 4;

    private readonly int _shardCount = options.Value.ShardCount;

    /// <summary>Items a kept list holds beyond those it serves (<see cref="MatchingOptions.KeptReserve"/>).</summary>
    public int KeptReserve { get; } = options.Value.KeptReserve;

    /// <summary>Index shards per side.</summary>
    public int ShardCount => _shardCount;

    /// <summary>The shard an item's entry lives in.</summary>
    public int ShardOf(string id) => GrainKeys.ShardOf(id, _shardCount);

    /// <summary>All shards of one side of a tenant.</summary>
    public IEnumerable<IIndexShardGrain> Shards(string tenant, Side side) =>
        Enumerable.Range(0, _shardCount).Select(n => grains.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, side, n)));

    /// <summary>The propagators of both sides of a tenant (one per index shard).</summary>
    public IEnumerable<IPropagatorGrain> Propagators(string tenant) =>
        Propagators(tenant, Side.Offers).Concat(Propagators(tenant, Side.Needs));

    /// <summary>The propagators that carry changes of one side's items of a tenant.</summary>
    public IEnumerable<IPropagatorGrain> Propagators(string tenant, Side side) =>
        Enumerable.Range(0, _shardCount).Select(n => grains.GetGrain<IPropagatorGrain>(GrainKeys.Shard(tenant, side, n)));

    /// <summary>
    /// A fresh shortlist: the best <paramref name="k"/> items of <paramref name="target"/> by the active ranker,
    /// among the best <c>max(k, KeptShortlist.Capacity)</c> by text similarity, with the model that scored them.
    /// </summary>
    public async Task<Shortlist> BuildAsync(string tenant, Side target, (TextProfile Profile, FeatureVector Vector) text, ItemFacts facts, int k)
    {
        var (version, _, pool) = await PoolAsync(tenant, target, text, facts, Math.Max(k, KeptShortlist.Capacity));
        return new Shortlist(version, Serve(pool, k));
    }

    /// <summary>
    /// The first phase's best <paramref name="count"/> items for a query item (by similarity, ties by id), each
    /// scored by the second phase and explained, with the version of the ranker that scored them and that of the
    /// statistics the shards scored with (<see cref="MixedStatistics"/> when they differed: a refresh was under way).
    /// </summary>
    public async Task<(string ModelVersion, long StatisticsVersion, KeptItem[] Pool)> PoolAsync(string tenant, Side target, (TextProfile Profile, FeatureVector Vector) text, ItemFacts facts, int count)
    {
        var ranker = models.Ranker; // one model for the whole list, even if activation swaps it meanwhile
        var (profile, vector) = text;
        if (profile.Slots.Length == 0)
        {
            return (ranker.Version, AnyStatistics, []);
        }

        var shards = Shards(tenant, target).ToArray();
        var query = new IndexQuery(profile, facts, count);
        // The best `count` of all shards come from few of each: every shard is asked for a share first, and only a
        // shard whose share may hide more of the best is asked again for `count`. Candidates each shard scores and
        // computes the pair features of drop from `count` to the share (`load -- realtime`, docs/benchmarks.md).
        var share = Math.Min(count, Math.Max(MinShare, 2 * count / shards.Length));
        var answers = await Task.WhenAll(shards.Select(s => s.QueryAsync(query with { Count = share })));
        var perShard = answers.Select(a => a.Candidates).ToArray();
        var versions = answers.Select(a => a.StatisticsVersion).ToHashSet();
        var asked = shards.Length;
        if (share < count)
        {
            var merged = Merge(perShard, count);
            var bar = merged.Length < count ? double.NegativeInfinity : merged[^1].Similarity;
            // A shard that returned its whole share may hold more items at or above the merged bar (an equal score
            // can still enter by id); one that returned less, or whose last is below the bar, holds none.
            var again = Enumerable.Range(0, shards.Length)
                .Where(i => perShard[i].Length == share && KeptShortlist.Round(perShard[i][^1].Score) >= bar)
                .ToArray();
            asked += again.Length;
            var more = await Task.WhenAll(again.Select(i => shards[i].QueryAsync(query)));
            for (var j = 0; j < again.Length; j++)
            {
                perShard[again[j]] = more[j].Candidates;
                versions.Add(more[j].StatisticsVersion);
            }
        }

        MatchingMetrics.ShardQueries.Add(asked);
        // Each shard has returned its own best `count`, or all of its items that can rank among the best `count`,
        // so the merged best `count` are those of asking every shard for `count` (within the first phase's bound on
        // common terms, which can only find more with a smaller share: see InvertedIndex.Query).
        var pool = Merge(perShard, count)
            .Select(x => Keep(ranker, target, vector, facts, x.Candidate, x.Similarity))
            .ToArray();
        return (ranker.Version, versions.Count == 1 ? versions.First() : MixedStatistics, pool);
    }

    /// <summary>
    /// Items of <paramref name="target"/> scored again for a query item, each by its own shard, as a pool scores its
    /// items (a cold kept list's held items, <see cref="KeptList.Restore"/>), with the statistics version that scored
    /// them (<see cref="MixedStatistics"/> when the shards differed; null when no shard was asked). Those no longer
    /// indexed are left out.
    /// </summary>
    public async Task<(long? StatisticsVersion, KeptItem[] Items)> RescoreAsync(string tenant, Side target, Ranker ranker, (TextProfile Profile, FeatureVector Vector) text, ItemFacts facts, string[] ids)
    {
        if (ids.Length == 0)
        {
            return (null, []);
        }

        var query = new IndexQuery(text.Profile, facts, ids.Length);
        var answers = await Task.WhenAll(ids.GroupBy(ShardOf).Select(g =>
            grains.GetGrain<IIndexShardGrain>(GrainKeys.Shard(tenant, target, g.Key)).ScoreAsync([.. g], query)));
        var versions = answers.Select(a => a.StatisticsVersion).Distinct().ToArray();
        var items = answers.SelectMany(a => a.Candidates)
            .Select(c => Keep(ranker, target, text.Vector, facts, c, KeptShortlist.Round(c.Score)))
            .ToArray();
        return (versions.Length == 1 ? versions[0] : MixedStatistics, items);
    }

    /// <summary>The statistics version of a pool whose shards scored with different snapshots: equal to no proposal's.</summary>
    public const long MixedStatistics = -1;

    /// <summary>The statistics version of a query with no terms: it matches nothing under any snapshot.</summary>
    public const long AnyStatistics = -2;

    /// <summary>The shards' candidates in pool order (rounded similarity descending, then id), the first <paramref name="count"/>.</summary>
    private static (Candidate Candidate, double Similarity)[] Merge(Candidate[][] perShard, int count) =>
        perShard
            .SelectMany(c => c)
            .Select(c => (Candidate: c, Similarity: KeptShortlist.Round(c.Score)))
            .OrderByDescending(x => x.Similarity).ThenBy(x => x.Candidate.Id, StringComparer.Ordinal)
            .Take(count)
            .ToArray();

    /// <summary>A shard's candidate as an item of a kept list, with its rounded similarity.</summary>
    private static KeptItem Keep(Ranker ranker, Side target, FeatureVector vector, ItemFacts facts, Candidate c, double similarity) =>
        Keep(ranker, target, vector, facts, c.Id, similarity, c.Title, c.TopSharedSlots, c.Facts, c.Features);

    /// <summary>
    /// An item of a kept list: its similarity (what the list is kept by) and how it is served (ranker score, reasons).
    /// A confidential need is served withheld here, the one place an offer's list items are made, so that reads, SSE
    /// and webhooks can only show what it shows.
    /// </summary>
    public static KeptItem Keep(Ranker ranker, Side target, FeatureVector vector, ItemFacts facts,
        string id, double similarity, string title, int[] topSharedSlots, ItemFacts other, float[] features) =>
        new(id, similarity, target == Side.Needs && other.Confidential
            ? ShortlistItem.Withheld(id, ranker.Score(features), other.Domain)
            : new ShortlistItem(id, ranker.Score(features), title, Explain(target, vector, facts, topSharedSlots, other)));

    /// <summary>
    /// What a list serves for <paramref name="k"/>: the best <c>max(k, Capacity)</c> of the pool by similarity,
    /// ordered by the ranker's score (ties by id), the first <paramref name="k"/>.
    /// </summary>
    public static ShortlistItem[] Serve(IEnumerable<KeptItem> poolBySimilarity, int k) =>
        poolBySimilarity.Take(Math.Max(k, KeptShortlist.Capacity)).Select(x => x.Served).Order(ByRank.Instance).Take(k).ToArray();

    /// <summary>Why an item of <paramref name="target"/> fits the query item, in the query item's own words.</summary>
    public static string[] Explain(Side target, FeatureVector vector, ItemFacts facts, int[] topSharedSlots, ItemFacts other) =>
        target == Side.Offers
            ? Reasons.Explain(vector, topSharedSlots, need: facts, offer: other)
            : Reasons.Explain(vector, topSharedSlots, need: other, offer: facts);
}
