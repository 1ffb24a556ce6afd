namespace Matching.Contracts;

/// <summary>The two sides of the market; each has its own index shards.</summary>
[GenerateSerializer]
public enum Side : byte
{
    /// <summary>Technology offers (supply).</summary>
    Offers = 0,
    /// <summary>Enterprise needs (demand).</summary>
    Needs = 1,
}

/// <summary>
/// What the two phases read of an item's text beyond its whole-text vector: each slot's term frequency
/// (aligned with the vector's slots; BM25 reads it), the number of terms, the title's and the keywords' own vectors, and the
/// language (0 unknown, 1 Chinese, 2 English).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.TextFacets")]
public sealed record TextFacets(
    [property: Id(0)] float[] Frequencies,
    [property: Id(1)] int Length,
    [property: Id(2)] int[] TitleSlots,
    [property: Id(3)] float[] TitleWeights,
    [property: Id(4)] int[] KeywordSlots,
    [property: Id(5)] float[] KeywordWeights,
    [property: Id(6)] byte Language);

/// <summary>
/// An item as its index shard holds it: a sparse text vector (slots ascending), the facets the pair features
/// read, compact facts and the item's version.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexEntry")]
public sealed record IndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int[] Slots,
    [property: Id(3)] float[] Weights,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] long Version,
    [property: Id(6)] TextFacets Facets);

/// <summary>A first-phase query against one side: the querying item's vector and facets, its facts and how many to return.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexQuery")]
public sealed record IndexQuery(
    [property: Id(0)] int[] Slots,
    [property: Id(1)] float[] Weights,
    [property: Id(2)] ItemFacts Facts,
    [property: Id(3)] int Count,
    [property: Id(4)] TextFacets Facets);

/// <summary>
/// A shard's answer for one item: its first-phase score (BM25, in [0, 1)), the shared slots that weighed most (strongest
/// first), and the pair's features for the second phase (<c>PairFeatures.Names</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Candidate")]
public sealed record Candidate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] float Score,
    [property: Id(3)] int[] TopSharedSlots,
    [property: Id(4)] ItemFacts Facts,
    [property: Id(5)] float[] Features);

/// <summary>
/// What an item's shard knows of the item's own kept shortlist, so that a change on the other side finds the
/// lists it may enter or must leave without asking every item. <see cref="Settled"/> is false while the list is
/// being (re)computed: then every change of the other side is proposed to it, so none slips through the window
/// between the computation's read of the index and this mark.
/// </summary>
/// <param name="Settled">False while the list is being computed.</param>
/// <param name="Full">Whether the list holds only the best of the items that qualify; if not, any match may enter.</param>
/// <param name="Floor">The best score an item the list does not hold can have: a newcomer must reach it to enter a full list.</param>
/// <param name="Held">The ids the list holds: a change of one of them is proposed to the list whatever its score.</param>
/// <param name="Stamp">Rises with every mark of one item: a settled mark older than the shard's is ignored, since marks
/// may arrive late (the propagator delivers a wave's marks together). An unsettled mark always applies: it is never late.</param>
[GenerateSerializer, Immutable, Alias("Matching.KeptMark")]
public sealed record KeptMark(
    [property: Id(0)] bool Settled,
    [property: Id(1)] bool Full,
    [property: Id(2)] double Floor,
    [property: Id(3)] string[] Held,
    [property: Id(4)] long Stamp)
{
    /// <summary>The mark of a list that is being computed.</summary>
    public static KeptMark Unsettled(long stamp) => new(false, false, 0, [], stamp);

    /// <summary>
    /// The mark of a bulk-imported item's list, which a sweep will compute from the complete index: nothing is
    /// proposed to it until then (no score reaches an infinite floor, and it holds nothing).
    /// </summary>
    public static KeptMark Deferred(long stamp) => new(true, true, double.MaxValue, [], stamp);

    /// <summary>Whether this is <see cref="Deferred(long)"/>.</summary>
    public bool IsDeferred => Settled && Floor == double.MaxValue;
}

/// <summary>
/// A change of one item, proposed to one kept shortlist of the other side: the item as it now is, its first-phase
/// similarity with the list's owner under statistics <see cref="StatisticsVersion"/> and the pair's features, or a
/// <see cref="Withdrawal"/> when it must leave the list (withdrawn, no shared term, or refused by a hard rule). It was
/// scored against the owner's version <see cref="OwnerVersion"/>: an owner that has changed since ignores it, because
/// its own change computed its list from a later index.
/// </summary>
[GenerateSerializer, Immutable, Alias("Matching.Proposal")]
public sealed record Proposal(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] double Similarity,
    [property: Id(3)] int[] TopSharedSlots,
    [property: Id(4)] ItemFacts? Facts,
    [property: Id(5)] long OwnerVersion,
    [property: Id(6)] float[] Features,
    [property: Id(7)] long StatisticsVersion,
    [property: Id(8)] bool Withdrawn = false)
{
    /// <summary>The item leaves the list of the owner at <paramref name="ownerVersion"/>, if the list holds it.</summary>
    public static Proposal Withdrawal(string id, long ownerVersion, long statisticsVersion) =>
        new(id, "", 0, [], null, ownerVersion, [], statisticsVersion, Withdrawn: true);
}

/// <summary>How long kept shortlists are and how scores are compared.</summary>
public static class KeptShortlist
{
    /// <summary>
    /// Items each kept shortlist serves: reads with k up to this cost one grain call; larger k is computed on demand.
    /// It is also the depth of the first phase's pool that the learned ranker orders (<c>RankerTraining.PoolDepth</c>):
    /// a shortlist is the best k by the ranker among the best <c>max(k, Capacity)</c> by text similarity.
    /// </summary>
    public const int Capacity = 20;

    /// <summary>
    /// Scores are compared and served rounded to 6 decimals, everywhere: a kept list, a fresh computation and
    /// the index's floors then agree to the last digit whatever order a dot product was summed in.
    /// </summary>
    public static double Round(float score) => Math.Round(Math.Clamp((double)score, 0, 1), 6);
}

/// <summary>Size of one shard, for status and memory accounting.</summary>
[GenerateSerializer, Immutable, Alias("Matching.ShardStats")]
public sealed record ShardStats(
    [property: Id(0)] int Items,
    [property: Id(1)] long Postings);

/// <summary>Grain keys. Every key starts with the tenant, so that isolating tenants needs no migration.</summary>
public static class GrainKeys
{
    /// <summary>The only tenant until authentication lands.</summary>
    public const string DefaultTenant = "default";

    /// <summary>An offer's or need's key: <c>{tenant}/{id}</c>.</summary>
    public static string Item(string tenant, string id) => $"{tenant}/{id}";

    /// <summary>An index shard's key: <c>{tenant}/offers/{n}</c> or <c>{tenant}/needs/{n}</c>.</summary>
    public static string Shard(string tenant, Side side, int shard) =>
        $"{tenant}/{(side == Side.Offers ? "offers" : "needs")}/{shard}";

    /// <summary>Splits an item key into tenant and id (ids never contain '/').</summary>
    public static (string Tenant, string Id) ParseItem(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Splits a shard key into tenant, side and shard number.</summary>
    public static (string Tenant, Side Side, int Shard) ParseShard(string key)
    {
        var parts = key.Split('/');
        return (parts[0], parts[1] == "offers" ? Side.Offers : Side.Needs, int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The shard an item lives in: a stable hash of its id (stable across processes and restarts).</summary>
    public static int ShardOf(string id, int shardCount)
    {
        // FNV-1a over UTF-16 code units: string.GetHashCode is randomized per process, which would scatter
        // an item over different shards after a restart.
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shardCount);
    }
}
