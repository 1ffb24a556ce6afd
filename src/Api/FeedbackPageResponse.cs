using System.Text.Json.Serialization;

namespace Matching.Api;

/// <summary>
/// A page of the feedback log. <c>next</c> is the <c>after</c> of the following page, or null at the end of the
/// log; it is written even when null (the API leaves other null fields out).
/// </summary>
public sealed record FeedbackPageResponse(
    FeedbackEventResponse[] Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Next);
