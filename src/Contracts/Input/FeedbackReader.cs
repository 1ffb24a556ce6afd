using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Matching.Contracts.Input;

/// <summary>Reads a feedback body strictly: <c>needId</c>, <c>offerId</c>, <c>event</c>, <c>at</c>, nothing else, every problem at once.</summary>
public static partial class FeedbackReader
{
    private static readonly string[] Fields = ["needId", "offerId", "event", "at"];

    /// <summary>
    /// ISO 8601 date and time with an offset (<c>Z</c> or <c>±hh:mm</c>). A time without one would be read in the
    /// server's zone, which the caller cannot know.
    /// </summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Timestamp();

    /// <summary>The event as read, or null and every problem by field.</summary>
    public static (FeedbackInput? Input, Dictionary<string, string[]> Errors) Read(JsonElement json)
    {
        var body = new StrictObject(json, Fields);
        if (!body.IsObject)
        {
            return (null, body.Errors());
        }

        string? Id(string name)
        {
            var id = body.Text(name, required: true);
            if (id is not null && !ItemRules.IsValidId(id))
            {
                body.Add(name, ItemRules.IdMessage);
                return null;
            }

            return id;
        }

        var needId = Id("needId");
        var offerId = Id("offerId");

        FeedbackKind? kind = null;
        if (body.Text("event", required: true) is { } name)
        {
            if (FeedbackKinds.TryParse(name, out var k))
            {
                kind = k;
            }
            else
            {
                body.Add("event", $"must be one of {string.Join(", ", FeedbackKinds.Names)}");
            }
        }

        DateTimeOffset? at = null;
        if (body.Text("at", required: false) is { } text)
        {
            at = ParseTimestamp(text);
            if (at is null)
            {
                body.Add("at", "must be an ISO 8601 date and time with an offset, e.g. 2026-03-01T09:30:00+08:00 or 2026-03-01T01:30:00Z");
            }
        }

        return body.HasErrors || needId is null || offerId is null || kind is null
            ? (null, body.Errors())
            : (new FeedbackInput(needId, offerId, kind.Value, at), []);
    }

    private static DateTimeOffset? ParseTimestamp(string text)
    {
        if (!Timestamp().IsMatch(text))
        {
            return null;
        }

        // The pattern fixes the shape; this checks the values (month 13, 25 o'clock) and that the instant exists
        // (0001-01-01T00:00:00+01:00 is before the first representable one).
        try
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
