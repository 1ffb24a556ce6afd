namespace Matching.Contracts;

/// <summary>Which owners' shortlist changes a webhook receives: a need's list of offers, an offer's list of needs, or both.</summary>
[Flags, GenerateSerializer]
public enum WebhookKinds : byte
{
    /// <summary>None: never valid for a stored webhook.</summary>
    None = 0,
    /// <summary>Changes of needs' shortlists (API.md kind <c>need</c>).</summary>
    Need = 1,
    /// <summary>Changes of offers' shortlists (API.md kind <c>offer</c>).</summary>
    Offer = 2,
}
