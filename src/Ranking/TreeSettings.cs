namespace Matching.Ranking;

/// <summary>The trees' settings. The defaults were chosen on the repository's training set (docs/ranking.md).</summary>
public sealed record TreeSettings(int Trees = 200, int Leaves = 4, int MinLeaf = 10, double LearningRate = 0.1);
