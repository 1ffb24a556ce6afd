using CsCheck;
using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Tests.Unit;

public sealed class KeptListTests
{
    private const int Reserve = 5;
    private const int Size = KeptShortlist.Capacity + Reserve;
    private const long Statistics = 7;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-03T12:00:00Z"));

    [Fact]
    public void A_list_that_holds_every_qualifying_item_takes_any_match()
    {
        var list = Filled(Pool(10));
        Assert.Null(list.Outside);
        Assert.False(list.Mark!.Full);
        Assert.Equal(0, list.Mark.Floor);

        var update = list.Consider(Propose("low", 0.001), Keep);
        Assert.False(update.MustRecompute);
        Assert.Equal(11, list.Items.Count);
        Assert.Equal("low", list.Items[^1].Id);
        Assert.Contains("low", update.Mark!.Held);
    }

    [Fact]
    public void A_full_list_takes_only_what_ranks_before_its_outside()
    {
        var list = Filled(Pool(Size));
        var last = list.Items[^1];
        Assert.Equal(last, list.Outside);
        Assert.True(list.Mark!.Full);
        Assert.Equal(last.Similarity, list.Mark.Floor);

        Assert.Equal(KeptUpdate.None, list.Consider(Propose("below", last.Similarity / 2), Keep));
        Assert.DoesNotContain(list.Items, i => i.Id == "below");

        var update = list.Consider(Propose("above", 0.99), Keep);
        Assert.Equal("above", list.Items[0].Id);
        Assert.Equal(Size, list.Items.Count);
        Assert.DoesNotContain(list.Items, i => i.Id == last.Id); // fell out, and is now the outside
        Assert.Equal(last.Id, list.Outside?.Id);
        Assert.Equal(list.Items[^1].Similarity, list.Items.Min(i => i.Similarity));
        Assert.NotNull(update.Mark);
    }

    [Fact]
    public void A_changed_item_moves_and_leaves_when_it_falls_behind_the_outside()
    {
        var list = Filled(Pool(Size));
        var first = list.Items[0].Id;

        list.Change(Propose(first, list.Items[3].Similarity - 1e-6), Keep);
        Assert.Equal(first, list.Items[3].Id);

        list.Change(Propose(first, 1e-6), Keep);
        Assert.DoesNotContain(list.Items, i => i.Id == first);
        Assert.Equal(Size - 1, list.Items.Count);
    }

    [Fact]
    public void A_withdrawal_is_replaced_from_the_reserve_until_it_runs_out()
    {
        var list = Filled(Pool(Size));
        for (var i = 0; i < Reserve; i++)
        {
            var update = list.Consider(Withdrawal(list.Items[0].Id), Keep);
            Assert.False(update.MustRecompute);
            Assert.Equal(KeptShortlist.Capacity, list.Served.Length);
        }

        Assert.True(list.Consider(Withdrawal(list.Items[0].Id), Keep).MustRecompute);
    }

    [Fact]
    public void A_withdrawal_of_an_item_not_held_changes_nothing()
    {
        var list = Filled(Pool(Size));
        var mark = list.Mark;
        Assert.Equal(KeptUpdate.None, list.Withdraw("never-held"));
        Assert.Same(mark, list.Mark);
    }

    [Fact]
    public void A_list_not_computed_or_scored_under_other_statistics_must_be_recomputed()
    {
        var list = new KeptList(Reserve, _clock);
        Assert.True(list.Consider(Propose("a", 0.5), Keep).MustRecompute);

        list.Fill(Pool(3), Statistics);
        Assert.True(list.Consider(Propose("a", 0.5) with { StatisticsVersion = Statistics + 1 }, Keep).MustRecompute);
        Assert.True(list.Defer().IsDeferred);
        Assert.False(list.IsComputed);
    }

    [Fact]
    public void Marks_change_only_when_floor_fullness_or_held_ids_do_and_their_stamps_rise()
    {
        var list = new KeptList(Reserve, _clock);
        var unsettled = list.Unsettle();
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000, unsettled.Stamp);

        var settled = list.Fill(Pool(Size), Statistics)!;
        Assert.True(settled.Settled);
        Assert.Equal(unsettled.Stamp + 1, settled.Stamp); // the same millisecond: one more

        Assert.Null(list.Fill(Pool(Size), Statistics)); // the same list: the shard's mark is still right

        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = list.Consider(Propose("new", 0.99), Keep).Mark!;
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000, after.Stamp);
    }

    [Fact]
    public void A_list_restored_from_its_mark_and_bound_is_the_list_it_was()
    {
        var list = Filled(Pool(Size));
        list.Consider(Withdrawal(list.Items[2].Id), Keep);
        var (mark, bound) = (list.Mark!, list.Bound!);
        Assert.Equal(list.Outside?.Id, bound.OutsideId);

        var restored = new KeptList(Reserve, _clock);
        var update = restored.Restore(mark, bound, Statistics, Rescored(mark, list.Items.ToDictionary(i => i.Id, i => i.Similarity)));
        Assert.Equal(KeptUpdate.None, update); // the shard's mark is still right
        Assert.Equal(list.Items, restored.Items);
        Assert.Equal((list.Outside?.Id, list.Outside?.Similarity), (restored.Outside?.Id, restored.Outside?.Similarity));
        Assert.Equal(list.Served, restored.Served);
        Assert.Same(mark, restored.Mark);

        // Both decide the next change alike, and the restored list's marks stay later than the one it came from.
        var proposal = Propose("above", 0.95);
        var (warm, cold) = (list.Consider(proposal, Keep).Mark!, restored.Consider(proposal, Keep).Mark!);
        Assert.Equal((warm.Full, warm.Floor), (cold.Full, cold.Floor));
        Assert.Equal(warm.Held, cold.Held);
        Assert.Equal(list.Served, restored.Served);
        Assert.True(restored.Mark!.Stamp > mark.Stamp);
    }

    [Fact]
    public void A_restore_is_refused_unless_the_mark_is_the_bounds_and_the_statistics_are_the_same()
    {
        var list = Filled(Pool(Size));
        var (mark, bound) = (list.Mark!, list.Bound!);
        var held = Rescored(mark, list.Items.ToDictionary(i => i.Id, i => i.Similarity));

        Assert.True(new KeptList(Reserve, _clock).Restore(mark with { Stamp = mark.Stamp + 1 }, bound, Statistics, held).MustRecompute);
        Assert.True(new KeptList(Reserve, _clock).Restore(KeptMark.Unsettled(mark.Stamp), bound, Statistics, held).MustRecompute);
        Assert.True(new KeptList(Reserve, _clock).Restore(KeptMark.Deferred(mark.Stamp), bound, Statistics, held).MustRecompute);
        Assert.True(new KeptList(Reserve, _clock).Restore(mark with { Floor = mark.Floor / 2 }, bound, Statistics, held).MustRecompute);
        Assert.True(new KeptList(Reserve, _clock).Restore(mark, bound, Statistics + 1, held).MustRecompute);
        Assert.False(new KeptList(Reserve, _clock).Restore(mark, bound, Statistics, held).MustRecompute);

        list.Unsettle();
        Assert.Null(list.Bound); // nothing to keep while the list is being computed, or deferred
        list.Fill(Pool(Size), Statistics);
        Assert.NotNull(list.Bound);
        list.Defer();
        Assert.Null(list.Bound);
    }

    [Fact]
    public void Held_items_that_now_rank_after_the_bound_leave_on_restore_and_a_list_short_of_its_capacity_is_recomputed()
    {
        var list = Filled(Pool(Size));
        var (mark, bound) = (list.Mark!, list.Bound!);
        var now = list.Items.ToDictionary(i => i.Id, i => i.Similarity);
        now[list.Items[0].Id] = bound.OutsideSimilarity / 2; // changed in the index; its proposal has not arrived yet
        now.Remove(list.Items[1].Id); // withdrawn

        var restored = new KeptList(Reserve, _clock);
        var update = restored.Restore(mark, bound, Statistics, Rescored(mark, now));
        Assert.False(update.MustRecompute);
        Assert.Equal(list.Items.Skip(2).Select(i => i.Id), restored.Items.Select(i => i.Id));
        Assert.Equal(restored.Items.Select(i => i.Id), update.Mark!.Held);

        foreach (var id in list.Items.Take(Reserve + 1).Select(i => i.Id))
        {
            now.Remove(id);
        }

        Assert.True(new KeptList(Reserve, _clock).Restore(mark, bound, Statistics, Rescored(mark, now)).MustRecompute);
    }

    [Fact]
    public void Holds_the_best_items_of_the_other_side_whatever_changes_arrive()
    {
        // 60 ids, similarities in steps of 0.01 so that ties (broken by id) happen; a change is a new similarity or a
        // withdrawal. Before some changes the list is restored, as a cold list is, from an index that already has the change.
        var changes = Gen.Select(Gen.Int[0, 59], Gen.Int[0, 100], Gen.Int[0, 4].Select(x => x == 0)).Array[1, 200];
        changes.Sample(steps =>
        {
            var truth = new Dictionary<string, double>(StringComparer.Ordinal);
            var list = new KeptList(Reserve, _clock);
            list.Fill(Best(truth), Statistics);
            foreach (var (n, hundredths, cold) in steps)
            {
                var id = $"o-{n:D2}";
                var proposal = hundredths == 0 ? Withdrawal(id) : Propose(id, hundredths / 100.0);
                if (hundredths == 0)
                {
                    truth.Remove(id);
                }
                else
                {
                    truth[id] = proposal.Similarity;
                }

                if (cold)
                {
                    var (mark, bound) = (list.Mark!, list.Bound!);
                    list = new KeptList(Reserve, _clock);
                    if (list.Restore(mark, bound, Statistics, Rescored(mark, truth)).MustRecompute)
                    {
                        list.Fill(Best(truth), Statistics);
                    }
                }

                if (list.Consider(proposal, Keep).MustRecompute)
                {
                    list.Fill(Best(truth), Statistics);
                }

                // The list holds exactly the best |list| items; without an outside, every item there is.
                var best = Best(truth);
                Assert.Equal(best.Take(list.Items.Count).Select(i => i.Id), list.Items.Select(i => i.Id));
                Assert.True(list.Outside is not null || list.Items.Count == truth.Count);
                Assert.True(list.Items.Count >= Math.Min(KeptShortlist.Capacity, truth.Count));
            }
        });
    }

    private KeptList Filled(KeptItem[] pool)
    {
        var list = new KeptList(Reserve, _clock);
        list.Fill(pool, Statistics);
        return list;
    }

    private static KeptItem[] Pool(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Keep(Propose($"p-{i:D2}", 0.9 - i * 0.01)))];

    private static KeptItem[] Best(Dictionary<string, double> truth) =>
        [.. truth.Select(t => Keep(Propose(t.Key, t.Value))).Order(BySimilarity.Instance).Take(Size)];

    /// <summary>A mark's held items as the index now scores them; those it no longer holds are left out.</summary>
    private static IEnumerable<KeptItem> Rescored(KeptMark mark, Dictionary<string, double> now) =>
        mark.Held.Where(now.ContainsKey).Select(id => Keep(Propose(id, now[id])));

    private static Proposal Propose(string id, double similarity) => new(id, $"title {id}", similarity, [], null, 1, [], Statistics);

    private static Proposal Withdrawal(string id) => Proposal.Withdrawal(id, 1, Statistics);

    private static KeptItem Keep(Proposal p) => new(p.Id, p.Similarity, new ShortlistItem(p.Id, p.Similarity, p.Title, []));
}
