using System.Diagnostics.Metrics;

namespace Matching.Grains;

/// <summary>
/// The silo's own measurements, on the meter <c>Matching</c>: what a write costs the other side's kept lists,
/// and how long it takes to reach them. Read by <c>load -- realtime</c> and by any metrics exporter.
/// </summary>
public static class MatchingMetrics
{
    public const string MeterName = "Matching";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>From a change being queued to every kept list it affects having been told (milliseconds).</summary>
    public static readonly Histogram<double> PropagationLag =
        Meter.CreateHistogram<double>("matching.propagation.lag", "ms", "Time from a write's propagation being queued to its completion");

    /// <summary>Kept lists a propagation job proposed a change to (one grain call each).</summary>
    public static readonly Histogram<int> Proposals =
        Meter.CreateHistogram<int>("matching.propagation.proposals", "{list}", "Kept lists told of one change");

    /// <summary>Changes and lists this process's propagators have yet to carry (GET /v1/status's backlog, summed; every second).</summary>
    public static readonly UpDownCounter<long> PropagationPending =
        Meter.CreateUpDownCounter<long>("matching.propagation.pending", "{change}", "Propagation backlog of this process");

    /// <summary>Shortlist changes the push streams could not take (overload); the lists themselves stay right.</summary>
    public static readonly Counter<long> PushDropped =
        Meter.CreateCounter<long>("matching.push.dropped", "{change}", "Shortlist changes not pushed");

    /// <summary>Kept lists computed again from the index (a full list lost or lowered an item, or a write).</summary>
    public static readonly Counter<long> Recomputes =
        Meter.CreateCounter<long>("matching.kept.recomputes", "{list}", "Kept lists computed from the index");

    /// <summary>Kept lists restored from their shard's mark and stored bound, instead of computed from the index (a cold list).</summary>
    public static readonly Counter<long> Restores =
        Meter.CreateCounter<long>("matching.kept.restores", "{list}", "Kept lists restored without the index");

    /// <summary>First-phase calls to index shards, for kept lists and ad-hoc shortlists (a shard asked again counts twice).</summary>
    public static readonly Counter<long> ShardQueries =
        Meter.CreateCounter<long>("matching.first_phase.shard_queries", "{call}", "Index shard queries of the first phase");
}
