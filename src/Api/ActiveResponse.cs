namespace Matching.Api;

/// <summary>POST /v1/models/{version}/activate: the version now active.</summary>
public sealed record ActiveResponse(string Active);
