using System.Text.Json;

namespace Matching.Contracts.Input;

/// <summary>Reads a webhook registration strictly: <c>url</c>, <c>secret</c> and <c>kinds</c>, nothing else, every problem at once.</summary>
public static class WebhookReader
{
    private static readonly string[] Fields = ["url", "secret", "kinds"];

    /// <summary>The registration as read, or null and every problem by field.</summary>
    public static (WebhookSpec? Spec, Dictionary<string, string[]> Errors) Read(JsonElement json)
    {
        var body = new StrictObject(json, Fields);
        if (!body.IsObject)
        {
            return (null, body.Errors());
        }

        var url = body.Text("url", required: true);
        var secret = body.Text("secret", required: true);
        var kinds = WebhookKinds.None;
        if (!body.TryGet("kinds", out var k))
        {
            body.Add("kinds", "is required");
        }
        else if (k.ValueKind != JsonValueKind.Array)
        {
            body.Add("kinds", "must be an array of strings");
        }
        else
        {
            foreach (var item in k.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!WebhookRules.TryParseKind(name, out var kind))
                {
                    body.Add("kinds", item.ValueKind == JsonValueKind.String ? $"'{name}' is not one of need, offer" : "must be an array of strings");
                }
                else if (kinds.HasFlag(kind))
                {
                    body.Add("kinds", $"'{name}' appears more than once");
                }
                else
                {
                    kinds |= kind;
                }
            }
        }

        // Rule checks run on what could be read, so every problem is reported at once.
        var spec = new WebhookSpec(url ?? "", secret ?? "", kinds);
        foreach (var (field, messages) in WebhookRules.Validate(spec))
        {
            if (!body.HasError(field))
            {
                foreach (var message in messages)
                {
                    body.Add(field, message);
                }
            }
        }

        return body.HasErrors ? (null, body.Errors()) : (spec, []);
    }
}
