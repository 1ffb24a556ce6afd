namespace Matching.Load.Measurement;

/// <summary>One type's objects on the managed heap: how many, and their bytes (shallow: each object's own size).</summary>
public sealed record HeapType(string Name, long Count, long Bytes);
