using System.Text.Json;
using Matching.Load.Measurement;

namespace Matching.Load.Adhoc;

public sealed record AdhocReport(
    int Offers,
    int Queries,
    int WarmUp,
    int K,
    int Shards,
    int Concurrency,
    int Seed,
    int ProcessorCount,
    bool ServerGc,
    string Runtime,
    LoadResult Load,
    MemoryResult Silo,
    LatencySummary Shortlist,
    Quality Quality,
    IndexResult Index,
    long PeakWorkingSetBytes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Print(TextWriter w)
    {
        w.WriteLine($"Ad-hoc shortlist benchmark: offers={Offers:N0} queries={Queries:N0} (+{WarmUp} warm-up) k={K} shards={Shards} concurrency={Concurrency} seed={Seed}");
        w.WriteLine($"  {ProcessorCount} cores, {(ServerGc ? "server" : "workstation")} GC, {Runtime}; silo and load generator in this one process");
        w.WriteLine();
        w.WriteLine($"load: {Load.Offers:N0} offers in {Load.Seconds:F1} s = {Load.OffersPerSecond:N0} offers/s ({Load.Concurrency} concurrent IOfferGrain.PutAsync, generation included)");
        w.WriteLine($"      CPU {Load.CpuSeconds:F1} s = {1000 * Load.CpuSeconds / Math.Max(1, Load.Offers):F2} ms/offer; GC pauses {Load.GcPauseSeconds:F1} s; {Load.Gen2Collections} gen-2 collections");
        w.WriteLine();
        w.WriteLine($"  {"latency, microseconds",-40}{"count",8}{"p50",9}{"p90",9}{"p99",9}{"p99.9",9}{"max",9}{"mean",10}");
        Row(w, "ISearchGrain.ShortlistForNeedAsync", Shortlist);
        Row(w, "InvertedIndex.Query (index alone)", Index.Query);
        Row(w, "TextModel.Profile (one need)", Index.FeaturizeNeed);
        w.WriteLine();
        w.WriteLine("memory (managed heap after a full compacting GC)");
        w.WriteLine($"  silo:  {Mb(Silo.HeapBeforeBytes)} before load, {Mb(Silo.HeapAfterBytes)} after = {Silo.BytesPerItem:N0} bytes/offer; working set after load {Mb(Silo.WorkingSetBytes)}");
        w.WriteLine($"  index: {Mb(Index.HeapBeforeBytes)} before build, {Mb(Index.HeapAfterBytes)} after = {Index.BytesPerItem:N0} bytes/offer; {Index.PostingsPerItem:F1} postings/offer");
        w.WriteLine($"  a FeatureVector as item grains cache it costs {Index.VectorExtraBytesPerItem:N0} bytes/offer beyond the index (surfaces and kinds)");
        w.WriteLine($"  index build: generate {Index.GenerateSeconds:F1} s, featurize {Index.FeaturizeSeconds:F1} s, upsert {Index.UpsertSeconds:F1} s (one thread)");
        w.WriteLine($"  peak working set {Mb(PeakWorkingSetBytes)}");
        w.WriteLine();
        w.WriteLine($"quality against the generator's links (top {K})");
        QualityRow(w, "grains", Quality);
        QualityRow(w, "index", Index.Quality);
        w.WriteLine($"  grain and index shortlists list the same offers for {Index.SameTopKAsGrainsPercent:F1}% of needs");
    }

    private static void Row(TextWriter w, string name, LatencySummary s) =>
        w.WriteLine($"  {name,-40}{s.Count,8:N0}{s.P50Us,9:N0}{s.P90Us,9:N0}{s.P99Us,9:N0}{s.P999Us,9:N0}{s.MaxUs,9:N0}{s.MeanUs,10:N0}");

    private void QualityRow(TextWriter w, string name, Quality q) =>
        w.WriteLine($"  {name,-7} needs with a grade-4 offer: {q.NeedsWithIdeal:N0}, top {K} holds one: {q.IdealInTopKPercent:F1}%; " +
                    $"near-misses shortlisted: {q.HardRuleViolations}; mean length {q.MeanLength:F2}; empty {q.Empty}");

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MiB";
}
