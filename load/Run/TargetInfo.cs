using System.Text.Json.Nodes;

namespace Matching.Load.Run;

/// <summary>The target: its address, <c>GET /v1/status</c> before and after the run, and what <c>--load</c> did.</summary>
public sealed record TargetInfo(string Url, JsonObject? StatusBefore, JsonObject? StatusAfter, LoadSummary? Load);
