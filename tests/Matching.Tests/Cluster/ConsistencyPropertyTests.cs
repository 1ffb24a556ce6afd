using CsCheck;
using Matching.Contracts;

namespace Matching.Tests.Cluster;

/// <summary>
/// The consistency property of kept shortlists: after any interleaving of creates, updates, bulk imports (with
/// their sweeps) and withdrawals on both sides, once the backlog is zero every kept list equals a fresh computation. Texts come from a small
/// bilingual vocabulary so that items overlap a lot, and hard-rule fields vary, so lists gain, lose and reorder.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsistencyPropertyTests(ClusterFixture fixture)
{
    private static readonly string[] Words =
        ["solid-state battery", "electrolyte", "quantum computing", "cloud platform", "锂电池", "量子计算", "membrane", "储能"];

    private static readonly string[] Countries = ["CN", "GB"];

    /// <summary>One step: put or withdraw item <see cref="Item"/> of one side, with the fields drawn for a put.</summary>
    public sealed record Op(bool Offer, int Item, bool Withdraw, bool Import, int WordMask, int Trl, int Modes, int Country, bool AcceptForeign)
    {
        public override string ToString() =>
            $"{(Withdraw ? "DELETE" : Import ? "IMPORT" : "PUT")} {(Offer ? "o" : "n")}{Item} words={WordMask} trl={Trl} modes={Modes} {Countries[Country]} foreign={AcceptForeign}";
    }

    private static readonly Gen<Op> OpGen =
        from offer in Gen.Bool
        from item in Gen.Int[0, 39]
        from withdraw in Gen.Int[0, 5].Select(x => x == 0)
        from import in Gen.Int[0, 3].Select(x => x == 0)
        from words in Gen.Int[1, (1 << Words.Length) - 1]
        // Hard-rule fields are left out most of the time, so that most pairs qualify and lists fill up.
        from trl in Gen.Int[0, 20].Select(x => x > 9 ? 0 : x)
        from modes in Gen.Int[0, 40].Select(x => x > 15 ? 0 : x)
        from country in Gen.Int[0, 1]
        from acceptForeign in Gen.Int[0, 3].Select(x => x != 0)
        select new Op(offer, item, withdraw, import, words, trl, modes, country, acceptForeign);

    [Fact]
    public Task Once_the_backlog_is_zero_every_kept_list_equals_a_fresh_computation() => CheckAsync(refreshes: false);

    /// <summary>
    /// Writes drift the statistics of a small corpus at almost every step, so refreshes already happen above; here a
    /// refresh is also forced during every wave, so that snapshots change while changes are being propagated.
    /// </summary>
    [Fact]
    public Task Statistics_refreshed_during_writes_leave_every_kept_list_equal_to_a_fresh_computation() => CheckAsync(refreshes: true);

    private async Task CheckAsync(bool refreshes)
    {
        // Up to 40 items a side, so lists fill past their capacity and the fixture's small reserve (20 + 3): floors,
        // evictions and computations from the index are exercised, not only insertions.
        var gen = Gen.Select(OpGen.Array[1, 160], Gen.Int[1, 8]);
        await gen.SampleAsync(async (ops, parallel) =>
        {
            var tenant = "p" + Guid.NewGuid().ToString("N")[..8];
            // Steps run in waves of concurrent calls: steps on different items interleave freely inside a wave. A
            // wave with bulk imports then asks for their sweep, as the batch endpoint does, without waiting for it.
            var search = fixture.Grains.GetGrain<ISearchGrain>(0);
            foreach (var wave in ops.Chunk(parallel))
            {
                var refresh = refreshes ? fixture.Grains.GetGrain<IStatisticsGrain>(tenant).RefreshAsync() : Task.FromResult(0L);
                await Task.WhenAll(wave.Select(op => ApplyAsync(tenant, op)).Append(refresh));
                foreach (var side in wave.Where(op => op.Import && !op.Withdraw).Select(op => op.Offer ? Side.Offers : Side.Needs).Distinct())
                {
                    await search.SweepAfterImportAsync(tenant, side);
                }
            }

            await fixture.WaitForQuietAsync(tenant);
            var report = await fixture.Grains.GetGrain<ISearchGrain>(0).CheckAsync(tenant, sample: 0, seed: 1);
            Assert.True(report.Mismatched == 0, string.Join("\n", report.Mismatches.Select(m =>
                $"{m.Side} {m.Id}: kept [{string.Join(", ", m.Kept.Select(i => $"{i.Id}:{i.Score}"))}] fresh [{string.Join(", ", m.Fresh.Select(i => $"{i.Id}:{i.Score}"))}]")));
        }, iter: refreshes ? 10 : 20, threads: 1);
    }

    private Task ApplyAsync(string tenant, Op op)
    {
        var key = GrainKeys.Item(tenant, $"{(op.Offer ? "o" : "n")}{op.Item}");
        var title = string.Join(' ', Words.Where((_, i) => (op.WordMask & (1 << i)) != 0));
        var modes = (TransferModes)op.Modes;
        if (op.Offer)
        {
            var grain = fixture.Grains.GetGrain<IOfferGrain>(key);
            var offer = new OfferData { Title = title, Country = Countries[op.Country], Trl = op.Trl == 0 ? null : op.Trl, TransferModes = modes };
            return op.Withdraw ? grain.DeleteAsync() : op.Import ? grain.ImportAsync(offer) : grain.PutAsync(offer);
        }

        var need = fixture.Grains.GetGrain<INeedGrain>(key);
        var data = new NeedData { Title = title, Country = Countries[op.Country], MinTrl = op.Trl == 0 ? null : op.Trl, TransferModes = modes, AcceptForeign = op.AcceptForeign };
        return op.Withdraw ? need.DeleteAsync() : op.Import ? need.ImportAsync(data) : need.PutAsync(data);
    }
}
