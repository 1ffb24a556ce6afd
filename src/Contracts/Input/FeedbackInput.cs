namespace Matching.Contracts.Input;

/// <summary>A feedback body as read: ids, kind and the caller's time if it gave one.</summary>
public sealed record FeedbackInput(string NeedId, string OfferId, FeedbackKind Kind, DateTimeOffset? At);
