using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HdrHistogram;
using Matching.Contracts;
using Matching.Grains;
using Matching.Load.Adhoc;
using Matching.Load.Generation;
using Matching.Load.Measurement;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Load.Realtime;

/// <summary>
/// <c>realtime</c>: kept shortlists under writes, in one process that hosts a real silo (memory storage). Loads
/// generated offers and needs, waits until propagation has drained, times kept-shortlist reads, then sends
/// offer updates at fixed rates (open model: latency from each write's intended start) and reports write
/// latency, propagation lag (queued to every affected list told, from the silo's own histogram) and the work per
/// write (lists told, lists recomputed).
/// </summary>
public static class RealtimeCommand
{
    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "Offers to load", Required = true };
        var needs = new Option<int>("--needs") { Description = "Needs to load", Required = true };
        var rates = new Option<int[]>("--rates") { Description = "Write rates to hold, writes per second", DefaultValueFactory = _ => [100, 500], AllowMultipleArgumentsPerToken = true };
        var duration = new Option<int>("--duration") { Description = "Seconds per rate (after 2 s of warm-up at that rate)", DefaultValueFactory = _ => 20 };
        var reads = new Option<int>("--reads") { Description = "Kept-shortlist reads to time", DefaultValueFactory = _ => 20000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var shards = new Option<int>("--shards") { Description = "Index shards per side", DefaultValueFactory = _ => 8 };
        var command = new Command("realtime", "Kept shortlists: import with propagation, kept reads, and propagation lag at fixed write rates, in-process")
        {
            offers, needs, rates, duration, reads, seed, shards,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var report = await RunAsync(parse.GetValue(offers), parse.GetValue(needs), parse.GetValue(rates)!, parse.GetValue(duration),
                parse.GetValue(reads), parse.GetValue(seed), parse.GetValue(shards), cancel);
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }

    private static async Task<object> RunAsync(int offerCount, int needCount, int[] rates, int duration, int readCount, int seed, int shardCount, CancellationToken cancel)
    {
        var generator = new CorpusGenerator(seed, offerCount, needCount);
        // Updates replace an existing offer's fields with those of an offer generated beyond the loaded ones.
        var spare = new CorpusGenerator(seed + 1, Math.Max(1000, rates.Sum() * (duration + 2)), 0).Offers().Select(o => o.Data).ToArray();
        using var metrics = new SiloMetrics();
        using var host = AdhocBenchmark.BuildSilo(shardCount);
        await host.StartAsync(cancel);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var search = grains.GetGrain<ISearchGrain>(0);
            var tenant = GrainKeys.DefaultTenant;

            // Loaded as the batch endpoint loads a bulk batch: one import call per side.
            var clock = Stopwatch.StartNew();
            await search.ImportNeedsAsync(tenant, generator.Needs().Select(n => new BatchItem<NeedData>(n.Id, n.Data)).ToArray(), cancel);
            var needsLoaded = clock.Elapsed.TotalSeconds;
            await search.ImportOffersAsync(tenant, generator.Offers().Select(o => new BatchItem<OfferData>(o.Id, o.Data)).ToArray(), cancel);
            var acked = clock.Elapsed.TotalSeconds;
            while ((await search.GetStatusAsync(tenant)).Backlog.Pending > 0)
            {
                await Task.Delay(100, cancel);
            }

            var drained = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"imported {needCount:N0} needs in {needsLoaded:F1} s, {offerCount:N0} offers by {acked:F1} s; sweeps drained at {drained:F1} s");
            var import = new
            {
                needsSeconds = Math.Round(needsLoaded, 1),
                offersAckedSeconds = Math.Round(acked - needsLoaded, 1),
                drainedSeconds = Math.Round(drained, 1),
                itemsPerSecondAcked = Math.Round((offerCount + needCount) / acked),
                itemsPerSecondDrained = Math.Round((offerCount + needCount) / drained),
                proposals = metrics.TakeProposals(),
                recomputes = metrics.TakeRecomputes(),
                shardQueries = metrics.TakeShardQueries(),
                pushDropped = metrics.TakeDropped(),
            };
            metrics.TakeLag();
            Console.Error.WriteLine(JsonSerializer.Serialize(import));

            // A statistics refresh rescores every kept list: forced here, it is timed on its own, and the write phases
            // (rewrites at a stable size, far below a turnover) start from a current snapshot.
            var statistics = grains.GetGrain<IStatisticsGrain>(tenant);
            clock.Restart();
            await statistics.RefreshAsync();
            await DrainAsync(search, tenant, cancel);
            var refresh = new { seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), recomputes = metrics.TakeRecomputes(), shardQueries = metrics.TakeShardQueries() };
            metrics.TakeLag();
            metrics.TakeProposals();
            metrics.TakeDropped();
            Console.Error.WriteLine(JsonSerializer.Serialize(new { statisticsRefresh = refresh }));

            var random = new Random(seed);
            var readLatency = new LatencyRecorder();
            for (var i = 0; i < readCount; i++)
            {
                var need = grains.GetGrain<INeedGrain>(GrainKeys.Item(tenant, CorpusGenerator.NeedId(random.Next(needCount))));
                var start = Stopwatch.GetTimestamp();
                await need.GetShortlistAsync(3, fresh: false);
                readLatency.Record(Stopwatch.GetElapsedTime(start));
            }

            Console.Error.WriteLine(JsonSerializer.Serialize(new { keptReadUs = readLatency.Summarize() }));
            var next = 0;
            var phases = new List<object>();
            foreach (var rate in rates)
            {
                await WriteAtRateAsync(grains, tenant, rate, 2, offerCount, spare, () => next++, random, new LatencyRecorder(), cancel); // warm-up
                await DrainAsync(search, tenant, cancel);
                metrics.TakeLag();
                metrics.TakeProposals();
                metrics.TakeRecomputes();
                metrics.TakeShardQueries();
                metrics.TakeDropped();
                var writes = new LatencyRecorder();
                var version = (await statistics.GetStatusAsync()).Version;
                var (achieved, failed, refused) = await WriteAtRateAsync(grains, tenant, rate, duration, offerCount, spare, () => next++, random, writes, cancel);
                await DrainAsync(search, tenant, cancel);
                var phase = new { rate, achieved = Math.Round(achieved), failed, refused, writeLatencyUs = writes.Summarize(), propagationLagUs = metrics.TakeLag(), proposalsPerWrite = metrics.TakeProposals(), recomputes = metrics.TakeRecomputes(), shardQueries = metrics.TakeShardQueries(), pushDropped = metrics.TakeDropped(), statisticsRefreshed = (await statistics.GetStatusAsync()).Version != version };
                phases.Add(phase);
                // Each phase on stderr as it ends, so a later phase that overloads the silo loses nothing.
                Console.Error.WriteLine(JsonSerializer.Serialize(phase));
            }

            return new
            {
                machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription },
                settings = new { offerCount, needCount, shardCount, seed, duration, KeptShortlist.Capacity },
                import,
                statisticsRefresh = refresh,
                keptReadUs = readLatency.Summarize(),
                writes = phases,
                workingSetBytes = Memory.WorkingSet(),
            };
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task DrainAsync(ISearchGrain search, string tenant, CancellationToken cancel)
    {
        while ((await search.GetStatusAsync(tenant)).Backlog.Pending > 0)
        {
            await Task.Delay(20, cancel);
        }
    }

    /// <summary>Open model: write i is due at start + i / rate whatever the earlier ones did; latency counts from then.</summary>
    private static async Task<(double Achieved, int Failed, int Refused)> WriteAtRateAsync(IGrainFactory grains, string tenant, int rate, int seconds, int offerCount,
        OfferData[] spare, Func<int> next, Random random, LatencyRecorder latency, CancellationToken cancel)
    {
        var total = rate * seconds;
        var (failures, refusals) = (0, 0);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancel);
            }

            var id = CorpusGenerator.OfferId(random.Next(offerCount));
            var data = spare[next() % spare.Length];
            inFlight.Add(Send(grains.GetGrain<IOfferGrain>(GrainKeys.Item(tenant, id)), data, due, latency, () => Interlocked.Increment(ref failures), () => Interlocked.Increment(ref refusals)));
        }

        await Task.WhenAll(inFlight);
        return (total / Stopwatch.GetElapsedTime(start).TotalSeconds, failures, refusals);
    }

    private static async Task Send(IOfferGrain grain, OfferData data, long due, LatencyRecorder latency, Action failed, Action refused)
    {
        try
        {
            await grain.PutAsync(data);
            latency.Record(Stopwatch.GetElapsedTime(due));
        }
        catch (BacklogFullException)
        {
            refused(); // admission control: propagation is behind its bound, so the write was pushed back
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            failed(); // an overloaded silo times calls out: counted, and the run goes on to report
        }
    }

    /// <summary>Listens to the silo's meter (<see cref="MatchingMetrics"/>) in this process.</summary>
    private sealed class SiloMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private LongConcurrentHistogram _lag = new(1, 600_000_000, 3);
        private LongConcurrentHistogram _proposals = new(1, 10_000_000, 3);
        private long _recomputes;
        private long _shardQueries;
        private long _dropped;

        public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

        public SiloMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MatchingMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _lag.RecordValue(Math.Max(1, (long)(value * 1000))));
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _proposals.RecordValue(value + 1L));
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument == MatchingMetrics.PushDropped)
                {
                    Interlocked.Add(ref _dropped, value);
                }
                else if (instrument == MatchingMetrics.Recomputes)
                {
                    Interlocked.Add(ref _recomputes, value);
                }
                else if (instrument == MatchingMetrics.ShardQueries)
                {
                    Interlocked.Add(ref _shardQueries, value);
                }
            });
            _listener.Start();
        }

        public object TakeLag() => Summarize(Interlocked.Exchange(ref _lag, new LongConcurrentHistogram(1, 600_000_000, 3)));

        /// <summary>Lists told per change; recorded as value + 1 (HdrHistogram has no zero), reported back as the value.</summary>
        public object TakeProposals()
        {
            var h = Interlocked.Exchange(ref _proposals, new LongConcurrentHistogram(1, 10_000_000, 3));
            return h.TotalCount == 0 ? new { count = 0L } : new { count = h.TotalCount, p50 = h.GetValueAtPercentile(50) - 1, p99 = h.GetValueAtPercentile(99) - 1, max = h.GetMaxValue() - 1, mean = Math.Round(h.GetMean() - 1, 1) };
        }

        public long TakeRecomputes() => Interlocked.Exchange(ref _recomputes, 0);

        public long TakeShardQueries() => Interlocked.Exchange(ref _shardQueries, 0);

        private static object Summarize(LongConcurrentHistogram h) => h.TotalCount == 0
            ? new { count = 0L }
            : new { count = h.TotalCount, p50 = h.GetValueAtPercentile(50), p90 = h.GetValueAtPercentile(90), p99 = h.GetValueAtPercentile(99), max = h.GetMaxValue() };

        public void Dispose() => _listener.Dispose();
    }
}
