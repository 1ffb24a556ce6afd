using Matching.Contracts;

namespace Matching.Api;

/// <summary>A feedback body as read: ids, kind and the caller's time if it gave one.</summary>
public sealed record FeedbackInput(string NeedId, string OfferId, FeedbackKind Kind, DateTimeOffset? At);
