namespace Matching.Grains;

/// <summary>Best first: a score descending, then id (ordinal) ascending, so that equal scores order the same everywhere.</summary>
public sealed class BestFirst<T>(Func<T, double> score, Func<T, string> id) : IComparer<T>
{
    public int Compare(T? x, T? y)
    {
        var byScore = score(y!).CompareTo(score(x!));
        return byScore != 0 ? byScore : string.CompareOrdinal(id(x!), id(y!));
    }
}
