using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Generation;
using Matching.Load.Measurement;
using Matching.Ranking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Load.Adhoc;

/// <summary>
/// Ad-hoc shortlists, measured in one process: this process hosts a real silo (the embedded default's
/// AddMatchingSilo: localhost clustering, memory storage) and is also its load generator. It loads generated
/// offers through IOfferGrain.PutAsync, then times ISearchGrain.ShortlistForNeedAsync for generated needs.
/// Then, for comparison, it builds the ranking library's InvertedIndex alone over the same offers (same model)
/// and times its Query, so the cost of Orleans (fan-out, messaging, activations) can be told from the index's.
/// Queries run closed-loop (each worker sends its next query when the last returns): this measures the service
/// time of one query, not behaviour under an arrival rate.
/// </summary>
public sealed class AdhocBenchmark(AdhocSettings settings, TextWriter progress)
{
    public async Task<AdhocReport> RunAsync(CancellationToken cancellation)
    {
        var generator = new CorpusGenerator(settings.Seed, settings.Offers, AdhocSettings.WarmUp + settings.Queries);
        var needs = generator.Needs().Select(n => n.Data).ToArray();
        // Timed queries use needs 0..Q-1 (the generator links offers to the lowest-numbered needs); warm-up uses the rest.
        var truth = new GroundTruth(0, settings.Queries);

        using var host = BuildSilo(settings.Shards);
        await host.StartAsync(cancellation);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var model = host.Services.GetRequiredService<ModelHost>().Featurizer;
            var search = grains.GetGrain<ISearchGrain>(0);

            // Activates the search grain and every (still empty) shard and loads the model before the baseline.
            await search.ShortlistForNeedAsync(GrainKeys.DefaultTenant, needs[^1], AdhocSettings.K);
            var heapBefore = Memory.ManagedHeapAfterFullGc();
            var load = await LoadAsync(grains, generator, truth, cancellation);
            var heapAfter = Memory.ManagedHeapAfterFullGc();
            var silo = new MemoryResult(heapBefore, heapAfter, PerItem(heapAfter - heapBefore), Memory.WorkingSet());
            // The statistics of the whole corpus, as a refresh leaves them once drift is noticed; the index alone uses the same.
            var statistics = grains.GetGrain<IStatisticsGrain>(GrainKeys.DefaultTenant);
            await statistics.RefreshAsync();
            var snapshot = await statistics.GetAsync();
            progress.WriteLine($"loaded {load.Offers:N0} offers in {load.Seconds:F1} s; statistics {snapshot.Version} taken; querying");

            var (latency, shortlists) = await QueryGrainsAsync(search, needs, cancellation);
            progress.WriteLine("grain queries done; building the index alone");
            var index = MeasureIndex(model, new TermStatistics(snapshot.Version, snapshot.Offers, snapshot.TotalLength, snapshot.Slots, snapshot.Frequencies),
                generator, needs, truth, shortlists);

            return new AdhocReport(
                settings.Offers, settings.Queries, AdhocSettings.WarmUp, AdhocSettings.K, settings.Shards, settings.Concurrency, settings.Seed,
                Environment.ProcessorCount, GCSettings.IsServerGC, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                load, silo, latency, truth.Score(shortlists), index, Memory.PeakWorkingSet());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    internal static IHost BuildSilo(int shards)
    {
        // No defaults: no appsettings files, environment variables or file watchers on the working directory
        // (the default content root watcher showed up in profiles); only what the benchmark sets.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        var (siloPort, gatewayPort) = FreePorts();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matching:ShardCount"] = shards.ToString(CultureInfo.InvariantCulture),
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
        // Warnings only, and on stderr, so that stdout stays the report.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddMatchingSilo(builder.Configuration));
        return builder.Build();
    }

    /// <summary>Two free loopback ports, held open together so that they differ.</summary>
    private static (int Silo, int Gateway) FreePorts()
    {
        var a = new TcpListener(IPAddress.Loopback, 0);
        var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        try
        {
            return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
        }
        finally
        {
            a.Stop();
            b.Stop();
        }
    }

    private async Task<LoadResult> LoadAsync(IGrainFactory grains, CorpusGenerator generator, GroundTruth truth, CancellationToken cancellation)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var done = 0;
        var step = Math.Max(1, settings.Offers / 10);
        var options = new ParallelOptions { MaxDegreeOfParallelism = AdhocSettings.LoadConcurrency, CancellationToken = cancellation };
        // Parallel.ForEachAsync pulls from the generator one item at a time: at most 32 offers exist at once.
        await Parallel.ForEachAsync(generator.Offers(), options, async (offer, _) =>
        {
            truth.Observe(offer.Judgment);
            await grains.GetGrain<IOfferGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, offer.Id)).PutAsync(offer.Data);
            var n = Interlocked.Increment(ref done);
            if (n % step == 0)
            {
                progress.WriteLine($"  loaded {n:N0} / {settings.Offers:N0} after {clock.Elapsed.TotalSeconds:F0} s ({n / clock.Elapsed.TotalSeconds:N0}/s)");
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new LoadResult(
            settings.Offers, Math.Round(seconds, 2), Math.Round(settings.Offers / seconds, 1), AdhocSettings.LoadConcurrency,
            Math.Round(cpu, 2), Math.Round((GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds, 2), GC.CollectionCount(2) - gen2Before);
    }

    private async Task<(LatencySummary Latency, Dictionary<int, string[]> Shortlists)> QueryGrainsAsync(
        ISearchGrain search, NeedData[] needs, CancellationToken cancellation)
    {
        for (var i = settings.Queries; i < needs.Length; i++)
        {
            await search.ShortlistForNeedAsync(GrainKeys.DefaultTenant, needs[i], AdhocSettings.K);
        }

        var recorder = new LatencyRecorder();
        var results = new string[settings.Queries][];
        var next = -1;
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < settings.Queries)
            {
                cancellation.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                var shortlist = await search.ShortlistForNeedAsync(GrainKeys.DefaultTenant, needs[i], AdhocSettings.K);
                recorder.Record(Stopwatch.GetElapsedTime(start));
                results[i] = shortlist.Items.Select(x => x.Id).ToArray();
            }
        });
        await Task.WhenAll(workers);
        return (recorder.Summarize(), Timed(results));
    }

    private IndexResult MeasureIndex(TextModel model, TermStatistics statistics, CorpusGenerator generator, NeedData[] needs, GroundTruth truth, Dictionary<int, string[]> grainShortlists)
    {
        var offerFacts = new FactsTable();
        long generateTicks = 0, featurizeTicks = 0, upsertTicks = 0;
        var heapBefore = Memory.ManagedHeapAfterFullGc();
        var index = new InvertedIndex<int>();
        // Kept until the index is measured with them, to price what an item grain caches beyond the index entry
        // (its text profile: surfaces and kinds for reasons, the TF-IDF weights and frequencies; the slots are shared with the index).
        List<TextProfile>? kept = new(settings.Offers);
        using (var offers = generator.Offers().GetEnumerator())
        {
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (!offers.MoveNext())
                {
                    break;
                }

                var offer = offers.Current;
                var t1 = Stopwatch.GetTimestamp();
                var profile = model.Profile(new ItemText(offer.Data.Title, offer.Data.Description, offer.Data.Keywords));
                var t2 = Stopwatch.GetTimestamp();
                index.Upsert(offer.Id, profile.Slots, Bm25.OfferWeights(profile.Frequencies, profile.Length, statistics), offerFacts.Number(offer.Data));
                var t3 = Stopwatch.GetTimestamp();
                kept.Add(profile);
                generateTicks += t1 - t0;
                featurizeTicks += t2 - t1;
                upsertTicks += t3 - t2;
            }
        }

        var heapWithVectors = Memory.ManagedHeapAfterFullGc();
        GC.KeepAlive(kept);
        kept = null; // unoptimized (tier-0) code would keep the list alive to the end of the method otherwise
        var heapAfter = Memory.ManagedHeapAfterFullGc();

        var featurize = new LatencyRecorder();
        var vectors = needs.Select(n =>
        {
            var start = Stopwatch.GetTimestamp();
            var p = model.NeedProfile(new ItemText(n.Title, n.Description, n.Keywords));
            var v = (p.Slots, Weights: Bm25.NeedWeights(p.Slots, p.Frequencies, statistics));
            featurize.Record(Stopwatch.GetElapsedTime(start));
            return v;
        }).ToArray();

        var recorder = new LatencyRecorder();
        var results = new string[settings.Queries][];
        // Warm-up needs first (Q..), then the timed ones (0..Q-1), as with the grains.
        foreach (var i in Enumerable.Range(settings.Queries, AdhocSettings.WarmUp).Concat(Enumerable.Range(0, settings.Queries)))
        {
            var need = needs[i];
            var facts = ItemFacts.Of(need);
            var start = Stopwatch.GetTimestamp();
            var hits = index.Query(vectors[i].Slots, vectors[i].Weights, packed => HardRules.Allows(facts, offerFacts[packed]), AdhocSettings.K);
            if (i < settings.Queries)
            {
                recorder.Record(Stopwatch.GetElapsedTime(start));
                results[i] = hits.Select(h => h.Id).ToArray();
            }
        }

        var shortlists = Timed(results);
        var same = shortlists.Count(x => grainShortlists.TryGetValue(x.Key, out var g) && g.SequenceEqual(x.Value));
        var count = index.Count;
        GC.KeepAlive(index);
        return new IndexResult(
            heapBefore, heapAfter, PerItem(heapAfter - heapBefore), PerItem(heapWithVectors - heapAfter), count == 0 ? 0 : Math.Round((double)index.Postings / count, 1),
            Seconds(generateTicks), Seconds(featurizeTicks), Seconds(upsertTicks),
            recorder.Summarize(), featurize.Summarize(), truth.Score(shortlists),
            shortlists.Count == 0 ? 0 : Math.Round(100.0 * same / shortlists.Count, 1));
    }

    private static Dictionary<int, string[]> Timed(string[][] results) =>
        Enumerable.Range(0, results.Length).ToDictionary(i => i, i => results[i]);

    private double PerItem(long bytes) => settings.Offers == 0 ? 0 : Math.Round((double)bytes / settings.Offers, 1);

    private static double Seconds(long ticks) => Math.Round((double)ticks / Stopwatch.Frequency, 2);

    /// <summary>
    /// Numbers the distinct hard-rule facts of the offers (TRL, modes, country: a few thousand at most), so the
    /// index's int payload alone lets it apply the same rules as a shard, at no extra memory per item.
    /// </summary>
    private sealed class FactsTable
    {
        private readonly Dictionary<ItemFacts, int> _numbers = [];
        private readonly List<ItemFacts> _facts = [];

        public int Number(OfferData offer)
        {
            var facts = ItemFacts.Of(offer) with { Domain = null }; // the rules never read the field
            if (!_numbers.TryGetValue(facts, out var number))
            {
                _numbers[facts] = number = _facts.Count;
                _facts.Add(facts);
            }

            return number;
        }

        public ItemFacts this[int number] => _facts[number];
    }
}
