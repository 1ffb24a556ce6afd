namespace Matching.Contracts;

/// <summary>The outcome of a PUT: the stored item and whether it was created (as opposed to replaced).</summary>
[GenerateSerializer, Immutable, Alias("Matching.PutResult`1")]
public sealed record PutResult<T>(
    [property: Id(0)] Stored<T> Item,
    [property: Id(1)] bool Created);
