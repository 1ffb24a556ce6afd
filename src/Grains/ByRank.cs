using Matching.Contracts;

namespace Matching.Grains;

/// <summary>Shortlist order: score descending, then id (ordinal) ascending.</summary>
public sealed class ByRank : IComparer<ShortlistItem>
{
    public static readonly ByRank Instance = new();

    public int Compare(ShortlistItem? x, ShortlistItem? y)
    {
        var byScore = y!.Score.CompareTo(x!.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(x.Id, y.Id);
    }
}
