namespace Matching.Api;

public sealed record ScoredId(string Id, double Score);
