using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Tests.Processes;

/// <summary>Items and reads for the process tests: texts that match each other, and reads with a deadline.</summary>
internal static class Items
{
    private static readonly (string Offer, string Need, string Field)[] Topics =
    [
        ("Superconducting quantum computing cloud platform", "Looking for a quantum computing platform for chemistry simulation", "quantum"),
        ("Lithium battery recycling by hydrometallurgy", "Recover lithium and cobalt from spent batteries", "energy"),
        ("Compact proton therapy cyclotron", "Proton therapy equipment for a cancer hospital", "biomedicine"),
        ("Graphene membrane for water desalination", "Low energy seawater desalination membrane", "materials"),
        ("激光雷达 点云 感知 算法 用于 自动驾驶", "寻求 自动驾驶 激光雷达 感知 技术", "automotive"),
        ("Machine vision defect detection for steel strip", "Automatic surface defect inspection on a rolling line", "manufacturing"),
    ];

    public static string OfferJson(int topic, string title) => new JsonObject
    {
        ["title"] = title,
        ["description"] = Topics[topic % Topics.Length].Offer + ". Pilot line ready, licensed or co-developed.",
        ["keywords"] = new JsonArray(Topics[topic % Topics.Length].Field, "pilot"),
        ["field"] = Topics[topic % Topics.Length].Field,
        ["country"] = "CN",
        ["trl"] = 6,
    }.ToJsonString();

    public static string NeedJson(int topic, string title) => new JsonObject
    {
        ["title"] = title,
        ["description"] = Topics[topic % Topics.Length].Need + ". Budget approved for this year.",
        ["keywords"] = new JsonArray(Topics[topic % Topics.Length].Field),
        ["industry"] = Topics[topic % Topics.Length].Field,
        ["country"] = "CN",
    }.ToJsonString();

    public static string OfferTitle(int topic) => Topics[topic % Topics.Length].Offer;

    public static string NeedTitle(int topic) => Topics[topic % Topics.Length].Need;

    /// <summary>A GET with a timeout: status and parsed body (null when none or not JSON).</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> GetAsync(HttpClient http, string path, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(path, cts.Token);
        var text = await response.Content.ReadAsStringAsync(cts.Token);
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Health checks answer plain text.
        }

        return (response.StatusCode, body, text);
    }

    /// <summary>The backlog's pending count, or null when the status cannot be read now.</summary>
    public static async Task<long?> PendingAsync(HttpClient http)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var status = await http.GetFromJsonAsync<JsonObject>("/v1/status", cts.Token);
            return (long)status!["backlog"]!["pending"]!;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }
}
