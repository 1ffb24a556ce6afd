namespace Matching.Contracts;

/// <summary>One entry of a shortlist: the other side's item, how well it fits and why.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Score">The ranker's score in [0, 1].</param>
/// <param name="Title">The item's title; empty for a confidential item.</param>
/// <param name="Reasons">Why it fits, in the texts' own words; empty for a confidential item.</param>
/// <param name="Confidential">A confidential need in an offer's list: only its id, score and <paramref name="Domain"/> are shown.</param>
/// <param name="Domain">A confidential need's industry, shown in place of its text; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("Matching.ShortlistItem")]
public sealed record ShortlistItem(
    string Id,
    double Score,
    string Title,
    string[] Reasons,
    bool Confidential = false,
    string? Domain = null)
{
    /// <summary>A confidential need as an offer's list shows it: its id, score and industry, nothing of its text.</summary>
    public static ShortlistItem Withheld(string id, double score, string? industry) => new(id, score, "", [], Confidential: true, Domain: industry);
}
