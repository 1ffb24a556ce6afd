using Matching.Contracts;

namespace Matching.Load.Generation;

public sealed record GeneratedNeed(int Index, string Id, NeedData Data);
