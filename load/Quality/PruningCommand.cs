using System.CommandLine;
using System.Diagnostics;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Generation;
using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Quality;

/// <summary>
/// <c>pruning</c>: what the first phase's bound on common terms costs in recall and saves in time. Builds the
/// index alone (no Orleans) over generated offers, once exhaustive and once per setting, and compares every
/// setting's top k with the exhaustive one for the same generated needs (or, with <c>--reverse</c>, offers over indexed needs).
/// </summary>
public static class PruningCommand
{
    private static readonly (int CommonList, int MinCandidates)[] Settings =
        [(int.MaxValue, 0), (1024, 64), (1024, 128), (1024, 256), (1024, 512), (1024, 1024), (2048, 2048)];

    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "Offers to index", Required = true };
        var shards = new Option<int>("--shards") { Description = "Indexes the offers are spread over, queried one after another", DefaultValueFactory = _ => 1 };
        var queries = new Option<int>("--queries") { Description = "Needs to query", DefaultValueFactory = _ => 2000 };
        var count = new Option<int>("--count") { Description = "Hits asked of each index: the silo asks each shard for the ranker's pool (KeptShortlist.Capacity, 20)", DefaultValueFactory = _ => KeptShortlist.Capacity };
        var reverse = new Option<bool>("--reverse") { Description = "Index as many needs and query with offers, as an offer's kept list asks the need shards" };
        var command = new Command("pruning", "Recall and time of the first phase's common-term bound against exhaustive retrieval.") { offers, shards, queries, count, reverse };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(offers), s = parse.GetValue(shards), q = parse.GetValue(queries), c = parse.GetValue(count);
            if (n < 1 || s < 1 || q < 1 || c < 3)
            {
                Console.Error.WriteLine("--offers, --shards and --queries must be positive, --count at least 3");
                return 2;
            }

            var model = new ModelHost().Featurizer;
            var backwards = parse.GetValue(reverse);
            var generator = new CorpusGenerator(seed: 1, n, backwards ? n : q);
            var profiles = generator.Offers().AsParallel().AsOrdered()
                .Select(o => (o.Id, Profile: model.Profile(new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords)))).ToList();
            // BM25 under the statistics of all offers, as a silo's shards weigh them once refreshed.
            var counts = new CorpusStatistics();
            profiles.ForEach(x => counts.Add(x.Profile.Slots, x.Profile.Length));
            var statistics = counts.Snapshot(1);
            var offerVectors = profiles.Select(x => (x.Id, Slots: x.Profile.Slots, Weights: Bm25.OfferWeights(x.Profile.Frequencies, x.Profile.Length, statistics))).ToList();
            var needVectors = generator.Needs().AsParallel().AsOrdered()
                .Select(x => (x.Id, Profile: model.NeedProfile(new ItemText(x.Data.Title, x.Data.Description, x.Data.Keywords))))
                .Select(x => (x.Id, x.Profile.Slots, Weights: Bm25.NeedWeights(x.Profile.Slots, x.Profile.Frequencies, statistics))).ToList();
            // Forwards a need's list asks the offer shards; backwards an offer's list asks the need shards.
            var vectors = backwards ? needVectors : offerVectors;
            var asked = (backwards ? offerVectors.Take(q) : needVectors).Select(x => (x.Slots, x.Weights)).ToList();
            Console.WriteLine(backwards ? $"{n:N0} needs in {s} index(es), {q:N0} offers, {c} hits asked of each; one thread" : $"{n:N0} offers in {s} index(es), {q:N0} needs, {c} hits asked of each; one thread");
            Console.WriteLine($"commonList  minCandidates     p50 us     p99 us   same top 3 as exhaustive   same top {c}");
            List<string>[]? exhaustive = null, exhaustivePools = null;
            foreach (var (commonList, minCandidates) in Settings)
            {
                var indexes = Enumerable.Range(0, s).Select(_ => new InvertedIndex<int> { CommonList = commonList, MinCandidates = minCandidates }).ToArray();
                foreach (var (id, slots, weights) in vectors)
                {
                    indexes[GrainKeys.ShardOf(id, s)].Upsert(id, slots, weights, 0);
                }

                // Warm-up, so that every setting is timed with the JIT's final code.
                for (var i = 0; i < Math.Min(200, asked.Count); i++)
                {
                    foreach (var index in indexes)
                    {
                        index.Query(asked[i].Slots, asked[i].Weights, _ => true, c);
                    }
                }

                var latency = new LatencyRecorder();
                var results = new List<string>[asked.Count];
                var pools = new List<string>[asked.Count];
                for (var i = 0; i < asked.Count; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    pools[i] = indexes.SelectMany(x => x.Query(asked[i].Slots, asked[i].Weights, _ => true, c))
                        .OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Take(c).Select(h => h.Id).ToList();
                    latency.Record(Stopwatch.GetElapsedTime(start));
                    results[i] = pools[i].Take(3).ToList();
                }

                exhaustive ??= results;
                exhaustivePools ??= pools;
                var same = results.Zip(exhaustive).Count(x => x.First.SequenceEqual(x.Second)) / (double)asked.Count;
                var samePool = pools.Zip(exhaustivePools).Count(x => x.First.SequenceEqual(x.Second)) / (double)asked.Count;
                var l = latency.Summarize();
                Console.WriteLine($"{(commonList == int.MaxValue ? "exhaustive" : commonList.ToString("N0")),10}  {minCandidates,13:N0}  {l.P50Us,9:N0}  {l.P99Us,9:N0}   {same,24:P1}   {samePool,9:P1}");
            }

            return 0;
        });
        return command;
    }
}
