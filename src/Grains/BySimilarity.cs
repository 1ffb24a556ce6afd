namespace Matching.Grains;

/// <summary>Pool order: similarity descending, then id (ordinal) ascending.</summary>
public sealed class BySimilarity : IComparer<KeptItem>
{
    public static readonly BySimilarity Instance = new();

    public int Compare(KeptItem? x, KeptItem? y)
    {
        var bySimilarity = y!.Similarity.CompareTo(x!.Similarity);
        return bySimilarity != 0 ? bySimilarity : string.CompareOrdinal(x.Id, y.Id);
    }
}
