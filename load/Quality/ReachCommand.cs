using System.CommandLine;
using System.Diagnostics;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Generation;
using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Quality;

/// <summary>
/// <c>reach</c>: what a write costs to find the kept lists it may enter (<see cref="InvertedIndex{TPayload}.Reach"/>),
/// pruned against walking every posting list, on the index alone (no Orleans). Builds the needs' shards, gives each
/// need the floor its kept list would have (the similarity of its 30th best offer under the hard rules, 0 when
/// fewer qualify), then times, for generated offer updates, the reach of every needs shard both ways and checks
/// that both find the same lists with the same scores.
/// </summary>
public static class ReachCommand
{
    private const int Kept = 30; // KeptShortlist.Capacity + the default Matching:KeptReserve

    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "Offers to index", Required = true };
        var needs = new Option<int>("--needs") { Description = "Needs to index (default: as many as offers)" };
        var shards = new Option<int>("--shards") { Description = "Index shards per side, as in the silo", DefaultValueFactory = _ => 8 };
        var writes = new Option<int>("--writes") { Description = "Offer updates to time", DefaultValueFactory = _ => 1000 };
        var command = new Command("reach", "Time to find the kept lists a write may enter, pruned against walking every posting list.") { offers, needs, shards, writes };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(offers), m = parse.GetValue(needs) is > 0 and var v ? v : parse.GetValue(offers), s = parse.GetValue(shards), w = parse.GetValue(writes);
            if (n < 1 || s < 1 || w < 1)
            {
                Console.Error.WriteLine("--offers, --needs, --shards and --writes must be positive");
                return 2;
            }

            Run(n, m, s, w);
            return 0;
        });
        return command;
    }

    private static void Run(int offerCount, int needCount, int shardCount, int writeCount)
    {
        var model = new ModelHost().Featurizer;
        var clock = Stopwatch.StartNew();
        var generator = new CorpusGenerator(seed: 1, offerCount, needCount);
        var offers = generator.Offers().AsParallel().AsOrdered()
            .Select(o => (o.Id, Vector: model.Featurize(new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords)), Facts: Match(o.Data))).ToArray();
        var needs = generator.Needs().AsParallel().AsOrdered()
            .Select(x => (x.Id, Vector: model.Featurize(new ItemText(x.Data.Title, x.Data.Description, x.Data.Keywords)), Facts: Match(x.Data))).ToArray();
        var updates = new CorpusGenerator(seed: 2, writeCount, 0).Offers().AsParallel().AsOrdered()
            .Select(o => (Vector: model.Featurize(new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords)), Facts: Match(o.Data))).ToArray();
        Console.WriteLine($"featurized {offerCount:N0} offers, {needCount:N0} needs and {writeCount:N0} updates in {clock.Elapsed.TotalSeconds:F0} s");

        // Each need's floor, as its kept list marks it: one copy of the offers' shards per core (an index is single-threaded).
        clock.Restart();
        var floors = new double[needs.Length];
        var workers = Environment.ProcessorCount;
        Parallel.For(0, workers, worker =>
        {
            var offerShards = Enumerable.Range(0, shardCount).Select(_ => new InvertedIndex<MatchFacts>()).ToArray();
            foreach (var (id, vector, facts) in offers)
            {
                offerShards[GrainKeys.ShardOf(id, shardCount)].Upsert(id, vector.Slots, vector.Weights, facts);
            }

            for (var i = worker; i < needs.Length; i += workers)
            {
                var need = needs[i];
                var best = offerShards
                    .SelectMany(x => x.Query(need.Vector.Slots, need.Vector.Weights, offer => HardRules.Allows(need.Facts, offer), Kept))
                    .Select(h => KeptShortlist.Round(h.Score)).OrderDescending().Take(Kept).ToArray();
                floors[i] = best.Length < Kept ? 0 : best[^1];
            }
        });
        var open = floors.Count(f => f == 0);
        Console.WriteLine($"floors computed in {clock.Elapsed.TotalSeconds:F0} s: median {floors.Order().ElementAt(floors.Length / 2):F3}, {open:N0} lists not full");

        var pruned = Shards(needs, floors, shardCount, prune: true);
        var walked = Shards(needs, floors, shardCount, prune: false);
        for (var i = 0; i < Math.Min(100, updates.Length); i++)
        {
            Reach(pruned, updates[i]);
            Reach(walked, updates[i]);
        }

        var (prunedTime, walkedTime) = (new LatencyRecorder(), new LatencyRecorder());
        long hits = 0, mismatches = 0;
        foreach (var update in updates)
        {
            var start = Stopwatch.GetTimestamp();
            var a = Reach(pruned, update);
            prunedTime.Record(Stopwatch.GetElapsedTime(start));
            start = Stopwatch.GetTimestamp();
            var b = Reach(walked, update);
            walkedTime.Record(Stopwatch.GetElapsedTime(start));
            hits += a.Count;
            mismatches += a.SequenceEqual(b) ? 0 : 1;
        }

        var (p, x) = (prunedTime.Summarize(), walkedTime.Summarize());
        Console.WriteLine($"{writeCount:N0} offer updates against {needCount:N0} needs in {shardCount} shards, one thread; lists reached per update: {hits / (double)updates.Length:F1}");
        Console.WriteLine($"every posting list walked: p50 {x.P50Us:N0} us, p99 {x.P99Us:N0} us");
        Console.WriteLine($"pruned:                    p50 {p.P50Us:N0} us, p99 {p.P99Us:N0} us (p50 x{x.P50Us / (double)Math.Max(1, p.P50Us):F1} faster)");
        Console.WriteLine($"updates whose lists differ: {mismatches}");
    }

    private static InvertedIndex<MatchFacts>[] Shards((string Id, FeatureVector Vector, MatchFacts Facts)[] needs, double[] floors, int shardCount, bool prune)
    {
        var shards = Enumerable.Range(0, shardCount).Select(_ => new InvertedIndex<MatchFacts> { PruneReach = prune }).ToArray();
        for (var i = 0; i < needs.Length; i++)
        {
            var shard = shards[GrainKeys.ShardOf(needs[i].Id, shardCount)];
            shard.Upsert(needs[i].Id, needs[i].Vector.Slots, needs[i].Vector.Weights, needs[i].Facts);
            shard.SetFloor(needs[i].Id, floors[i]);
        }

        return shards;
    }

    /// <summary>The lists an offer update reaches in every shard, by id, with their scores.</summary>
    private static List<(string, float)> Reach(InvertedIndex<MatchFacts>[] shards, (FeatureVector Vector, MatchFacts Facts) update) =>
        [.. shards.SelectMany(s => s.Reach(update.Vector.Slots, update.Vector.Weights, need => HardRules.Allows(need, update.Facts)))
            .Select(h => (h.Id, h.Score)).Order()];

    // Normalized as a write is (ItemRules.Validate), then the facts the silo's index keeps (Facts.Of, ToMatch).
    private static MatchFacts Match(OfferData data)
    {
        var o = ItemRules.Validate(data).Normalized;
        return new(o.Field, o.Country, o.Trl ?? 0, (Modes)(byte)o.TransferModes, AcceptForeign: true);
    }

    private static MatchFacts Match(NeedData data)
    {
        var n = ItemRules.Validate(data).Normalized;
        return new(n.Industry, n.Country, n.MinTrl ?? 0, (Modes)(byte)n.TransferModes, n.AcceptForeign);
    }
}
