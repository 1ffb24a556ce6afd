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
    public void Holds_the_best_items_of_the_other_side_whatever_changes_arrive()
    {
        // 60 ids, similarities in steps of 0.01 so that ties (broken by id) happen; a change is a new similarity or a withdrawal.
        var changes = Gen.Select(Gen.Int[0, 59], Gen.Int[0, 100]).Array[1, 200];
        changes.Sample(steps =>
        {
            var truth = new Dictionary<string, double>(StringComparer.Ordinal);
            var list = new KeptList(Reserve, _clock);
            list.Fill(Best(truth), Statistics);
            foreach (var (n, hundredths) in steps)
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

    private static Proposal Propose(string id, double similarity) => new(id, $"title {id}", similarity, [], null, 1, [], Statistics);

    private static Proposal Withdrawal(string id) => Proposal.Withdrawal(id, 1, Statistics);

    private static KeptItem Keep(Proposal p) => new(p.Id, p.Similarity, new ShortlistItem(p.Id, p.Similarity, p.Title, []));
}
