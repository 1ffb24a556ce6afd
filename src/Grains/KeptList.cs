namespace Matching.Grains;

/// <summary>
/// One item's kept shortlist: the best <see cref="Size"/> items of the other side by similarity (the
/// <see cref="KeptShortlist.Capacity"/> it serves and a reserve that replaces those that leave without asking the
/// index), what reads serve, and the mark its index shard keeps so that changes find it. It decides each change
/// (an addition, a change of a held item, a withdrawal) or says it cannot without the index; the grain stores it,
/// calls the shards and publishes. Invariant: every item the list does not hold ranks at or after
/// <see cref="Outside"/> (by <see cref="BySimilarity"/>); with no outside, the list holds every item that qualifies.
/// </summary>
public sealed class KeptList(int reserve, TimeProvider clock)
{
    private List<KeptItem>? _items;
    private long _stamp;

    /// <summary>Items a computation asks the index for: those served and the reserve.</summary>
    public int Size { get; } = KeptShortlist.Capacity + reserve;

    /// <summary>Whether the list has been computed (from the index) in this activation.</summary>
    public bool IsComputed => _items is not null;

    /// <summary>The held items by similarity, best first.</summary>
    public IReadOnlyList<KeptItem> Items => _items ?? [];

    /// <summary>What reads serve: the first <see cref="KeptShortlist.Capacity"/> held items in the ranker's order.</summary>
    public ShortlistItem[] Served { get; private set; } = [];

    /// <summary>The best rank an item the list does not hold can have; null while it holds every item that qualifies.</summary>
    public KeptItem? Outside { get; private set; }

    /// <summary>The statistics snapshot the held similarities were scored with: a proposal scored with another cannot be compared.</summary>
    public long StatisticsVersion { get; private set; } = ShortlistBuilder.MixedStatistics;

    /// <summary>The mark last handed to the shard; null before the first.</summary>
    public KeptMark? Mark { get; private set; }

    /// <summary>What storage keeps to restore the list (<see cref="Restore"/>); null unless its last mark is a settled, computed one.</summary>
    public KeptBound? Bound => _items is not null && Mark is { Settled: true, IsDeferred: false } mark
        ? new KeptBound(mark.Stamp, Outside?.Id, Outside?.Similarity ?? 0, StatisticsVersion)
        : null;

    /// <summary>Marks the list as being computed: every change of the other side is proposed to it until it settles.</summary>
    public KeptMark Unsettle() => Mark = KeptMark.Unsettled(NextStamp());

    /// <summary>Forgets the list until a sweep computes it (a bulk import): nothing is proposed to it meanwhile.</summary>
    public KeptMark Defer()
    {
        (_items, Outside) = (null, null);
        return Mark = KeptMark.Deferred(NextStamp());
    }

    /// <summary>Takes a computation's pool (the best <see cref="Size"/> by similarity, or fewer: every item that qualifies).</summary>
    /// <returns>The list's new mark, or null when the shard's mark is still right.</returns>
    public KeptMark? Fill(KeptItem[] pool, long statisticsVersion)
    {
        StatisticsVersion = statisticsVersion;
        // Fewer than asked: the list holds every item that qualifies. Otherwise nothing it lacks ranks before its last.
        Outside = pool.Length < Size ? null : pool[^1];
        return Settle([.. pool]);
    }

    /// <summary>
    /// Restores the list an earlier activation kept, from the mark its shard holds, the <see cref="Bound"/> storage kept
    /// with it, and the held items scored again from the index as they now are. Held items that no longer rank before
    /// the bound leave, as a proposal of their change would make them; changes not yet proposed still arrive.
    /// </summary>
    /// <param name="mark">The shard's mark of this list.</param>
    /// <param name="bound">What storage kept with the list's last mark.</param>
    /// <param name="statisticsVersion">The statistics <paramref name="held"/> were scored with.</param>
    /// <param name="held">The mark's held items that are still indexed, scored again.</param>
    /// <returns>Recompute when the mark is not the bound's, the statistics differ, or the reserve ran out; otherwise the list's new mark, or null when the shard's is right.</returns>
    public KeptUpdate Restore(KeptMark mark, KeptBound bound, long statisticsVersion, IEnumerable<KeptItem> held)
    {
        if (!bound.Matches(mark) || statisticsVersion != bound.StatisticsVersion)
        {
            return KeptUpdate.Recompute;
        }

        KeptItem? outside = bound.OutsideId is null ? null : new KeptItem(bound.OutsideId, bound.OutsideSimilarity, null!);
        // At the bound, not only before it: a full list's last item is its own bound when it was filled.
        var items = held.Where(i => outside is null || BySimilarity.Instance.Compare(i, outside.Value) <= 0).Order(BySimilarity.Instance).ToList();
        if (outside is not null && items.Count < KeptShortlist.Capacity)
        {
            return KeptUpdate.Recompute;
        }

        (Outside, StatisticsVersion, Mark) = (outside, bound.StatisticsVersion, mark);
        _stamp = Math.Max(_stamp, mark.Stamp); // later marks must not be taken for late ones
        return new KeptUpdate(false, Settle(items));
    }

    /// <summary>Empties the list (its own item was withdrawn): an emptied list, not a forgotten one, so its events go on.</summary>
    public KeptMark? Empty()
    {
        Outside = null;
        return Settle([]);
    }

    /// <summary>Decides a proposal of the other side: a withdrawal, a change of a held item, or an addition.</summary>
    /// <param name="proposal">The changed item, scored against this list's owner.</param>
    /// <param name="keep">Scores and explains the proposed item; called only when it enters.</param>
    public KeptUpdate Consider(Proposal proposal, Func<Proposal, KeptItem> keep)
    {
        if (_items is null || (proposal.StatisticsVersion != StatisticsVersion && StatisticsVersion != ShortlistBuilder.AnyStatistics))
        {
            return KeptUpdate.Recompute; // computing reads the current index, which includes the proposed change
        }

        return proposal.Withdrawn ? Withdraw(proposal.Id)
            : Holds(proposal.Id) ? Change(proposal, keep)
            : Add(proposal, keep);
    }

    /// <summary>A proposed item the list does not hold enters if it ranks before <see cref="Outside"/>.</summary>
    public KeptUpdate Add(Proposal proposal, Func<Proposal, KeptItem> keep) =>
        Ranks(proposal) ? Update([.. _items!], keep(proposal)) : KeptUpdate.None;

    /// <summary>A held item takes its new similarity: it moves, or falls out if it now ranks after <see cref="Outside"/>.</summary>
    public KeptUpdate Change(Proposal proposal, Func<Proposal, KeptItem> keep) =>
        Update(Without(proposal.Id), Ranks(proposal) ? keep(proposal) : null);

    /// <summary>A held item leaves (withdrawn, or it no longer qualifies); the reserve replaces it.</summary>
    public KeptUpdate Withdraw(string id) => Holds(id) ? Update(Without(id), null) : KeptUpdate.None;

    private bool Holds(string id) => _items!.FindIndex(i => i.Id == id) >= 0;

    private bool Ranks(Proposal p) => Outside is null || BySimilarity.Instance.Compare(new KeptItem(p.Id, p.Similarity, null!), Outside.Value) < 0;

    private List<KeptItem> Without(string id) => _items!.Where(i => i.Id != id).ToList();

    private KeptUpdate Update(List<KeptItem> list, KeptItem? entering)
    {
        if (entering is { } item)
        {
            var at = list.BinarySearch(item, BySimilarity.Instance);
            list.Insert(at < 0 ? ~at : at, item);
        }

        while (list.Count > Size)
        {
            Outside = Outside is null || BySimilarity.Instance.Compare(list[^1], Outside.Value) < 0 ? list[^1] : Outside;
            list.RemoveAt(list.Count - 1);
        }

        // Lost or fallen items are replaced from the reserve; only when it runs out must the index be asked again.
        return Outside is not null && list.Count < KeptShortlist.Capacity ? KeptUpdate.Recompute : new KeptUpdate(false, Settle(list));
    }

    /// <summary>Makes <paramref name="items"/> the list; returns its new mark when it differs from the last one.</summary>
    private KeptMark? Settle(List<KeptItem> items)
    {
        _items = items;
        Served = ShortlistBuilder.Serve(items, KeptShortlist.Capacity);
        // A newcomer must rank before Outside to enter; while every qualifying item is held, any match enters.
        var mark = new KeptMark(Settled: true, Full: Outside is not null, Floor: Outside?.Similarity ?? 0, Held: [.. items.Select(i => i.Id)], Stamp: Mark?.Stamp ?? 0);
        if (Mark is not null && Mark.Settled && Mark.Full == mark.Full && Mark.Floor == mark.Floor && Mark.Held.SequenceEqual(mark.Held))
        {
            return null;
        }

        return Mark = mark with { Stamp = NextStamp() };
    }

    /// <summary>Mark stamps rise within an activation and, from the clock, across activations.</summary>
    private long NextStamp() => _stamp = Math.Max(_stamp + 1, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
}
