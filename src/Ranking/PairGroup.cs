namespace Matching.Ranking;

/// <summary>A need with its candidates and every grade judged for it (the ideal ranking's material).</summary>
public sealed record PairGroup(string NeedId, PairRow[] Rows, int[] JudgedGrades);
