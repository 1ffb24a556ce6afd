namespace Matching.Contracts;

/// <summary>What a user did with an offer shown for a need (API.md "Feedback").</summary>
[GenerateSerializer]
public enum FeedbackKind : byte
{
    /// <summary>The offer was shown in the need's shortlist (API.md <c>shown</c>).</summary>
    Shown = 0,
    /// <summary>The user opened the offer (<c>clicked</c>).</summary>
    Clicked = 1,
    /// <summary>The enterprise contacted the offer's owner (<c>contacted</c>).</summary>
    Contacted = 2,
    /// <summary>A transfer was agreed (<c>deal</c>).</summary>
    Deal = 3,
    /// <summary>The user marked the offer as not a match (<c>rejected</c>).</summary>
    Rejected = 4,
}
