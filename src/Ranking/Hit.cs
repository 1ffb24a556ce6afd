namespace Matching.Ranking;

/// <summary>A hit of first-phase retrieval: the document, its score with the query and its payload.</summary>
public readonly record struct Hit<TPayload>(string Id, float Score, TPayload Payload, int[] TopSharedSlots);
