namespace Matching.Ranking;

/// <summary>Ranking quality at the cut-offs API.md names.</summary>
public sealed record RankingMetrics(double Ndcg3, double Ndcg10, double P3, double Mrr10, int Needs)
{
    public Dictionary<string, double> ToDictionary() => new()
    {
        ["ndcg@3"] = Math.Round(Ndcg3, 4),
        ["ndcg@10"] = Math.Round(Ndcg10, 4),
        ["p@3"] = Math.Round(P3, 4),
        ["mrr@10"] = Math.Round(Mrr10, 4),
    };
}
