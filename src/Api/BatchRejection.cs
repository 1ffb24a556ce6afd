namespace Matching.Api;

public sealed record BatchRejection(int Index, string? Id, IDictionary<string, string[]> Errors);
