namespace Matching.Load.Adhoc;

public sealed record MemoryResult(long HeapBeforeBytes, long HeapAfterBytes, double BytesPerItem, long WorkingSetBytes);
