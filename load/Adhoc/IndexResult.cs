using Matching.Load.Measurement;

namespace Matching.Load.Adhoc;

public sealed record IndexResult(
    long HeapBeforeBytes,
    long HeapAfterBytes,
    double BytesPerItem,
    double VectorExtraBytesPerItem,
    double PostingsPerItem,
    double GenerateSeconds,
    double FeaturizeSeconds,
    double UpsertSeconds,
    LatencySummary Query,
    LatencySummary FeaturizeNeed,
    Quality Quality,
    double SameTopKAsGrainsPercent);
