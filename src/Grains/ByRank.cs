namespace Matching.Grains;

/// <summary>Shortlist order: the ranker's score descending, then id.</summary>
public static class ByRank
{
    public static readonly IComparer<ShortlistItem> Instance = new BestFirst<ShortlistItem>(i => i.Score, i => i.Id);
}
