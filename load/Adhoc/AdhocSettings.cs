namespace Matching.Load.Adhoc;

public sealed record AdhocSettings(int Offers, int Queries, int Seed, int Shards, int Concurrency)
{
    public const int WarmUp = 200;
    public const int K = 3;
    public const int LoadConcurrency = 32;
}
