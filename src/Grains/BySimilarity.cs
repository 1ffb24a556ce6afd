namespace Matching.Grains;

/// <summary>Pool order: similarity descending, then id.</summary>
public static class BySimilarity
{
    public static readonly IComparer<KeptItem> Instance = new BestFirst<KeptItem>(i => i.Similarity, i => i.Id);
}
