using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Lucene;

/// <summary>One engine's numbers: build times in seconds, query latency, throughput and ranking quality.</summary>
public sealed record EngineResult(
    string Engine,
    double BuildSeconds,
    double? FeaturizeSeconds,
    LatencySummary Latency,
    double QueriesPerSecond,
    RankingMetrics Quality,
    double RelevantInPool);
