namespace Matching.Contracts;

/// <summary>The API names of feedback kinds and the training grade each earns.</summary>
public static class FeedbackKinds
{
    private static readonly (FeedbackKind Kind, string Name, int Grade)[] Table =
    [
        (FeedbackKind.Shown, "shown", 0),
        (FeedbackKind.Clicked, "clicked", 1),
        (FeedbackKind.Contacted, "contacted", 3),
        (FeedbackKind.Deal, "deal", 4),
        // Rejected is an explicit "not a match": as low as shown-and-ignored; a pair's grade is its best event.
        (FeedbackKind.Rejected, "rejected", 0),
    ];

    /// <summary>The API names, in the order API.md lists them.</summary>
    public static readonly string[] Names = Table.Select(t => t.Name).ToArray();

    /// <summary>The API name: <c>shown</c>, <c>clicked</c>, <c>contacted</c>, <c>deal</c> or <c>rejected</c>.</summary>
    public static string Name(FeedbackKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>
    /// The judgment grade of API.md "Training data" (0..4): deal 4, contacted 3, clicked 1, shown and rejected 0.
    /// </summary>
    public static int Grade(FeedbackKind kind) => Table.First(t => t.Kind == kind).Grade;

    /// <summary>Parses an API name; exact lower case, as API.md spells them.</summary>
    public static bool TryParse(string? name, out FeedbackKind kind)
    {
        foreach (var t in Table)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                kind = t.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
