namespace Matching.Contracts;

/// <summary>The outcome of a PUT: the stored item and whether it was created (as opposed to replaced).</summary>
[GenerateSerializer, Immutable, Alias("Matching.PutResult`1")]
public sealed record PutResult<T>(
    Stored<T> Item,
    bool Created);
