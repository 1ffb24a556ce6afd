namespace Matching.Contracts;

/// <summary>One shard's answer to a first-phase query: its best candidates and the statistics version that scored them.</summary>
[GenerateSerializer, Immutable, Alias("Matching.IndexAnswer")]
public sealed record IndexAnswer(long StatisticsVersion, Candidate[] Candidates);
