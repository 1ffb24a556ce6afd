using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Matching.Grains;

/// <summary>
/// The body POSTed for one change, built once per event and shared by every webhook (only the signature differs):
/// <c>{"eventId","kind","needId"|"offerId","modelVersion","items":[the whole kept list, best first],"at"}</c>.
/// A webhook has no k, so it gets the whole kept list; items have the shape of API.md's shortlist items.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonWriterOptions Options = new()
    {
        // As in the API's responses: Chinese titles and reasons stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(ShortlistChanged change)
    {
        var need = change.Owner == Side.Needs;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("eventId", change.EventId);
            w.WriteString("kind", WebhookRules.KindName(WebhookRules.KindOf(change.Owner)));
            w.WriteString(need ? "needId" : "offerId", change.Id);
            w.WriteString("modelVersion", change.Shortlist.ModelVersion);
            w.WriteStartArray("items");
            foreach (var item in change.Shortlist.Items)
            {
                w.WriteStartObject();
                w.WriteString(need ? "offerId" : "needId", item.Id);
                w.WriteNumber("score", item.Score);
                w.WriteString("title", item.Title);
                w.WriteStartArray("reasons");
                foreach (var reason in item.Reasons)
                {
                    w.WriteStringValue(reason);
                }

                w.WriteEndArray();
                if (item.Confidential)
                {
                    // As GET .../shortlist shows a confidential need: its industry in place of its text.
                    if (item.Domain is not null)
                    {
                        w.WriteString("industry", item.Domain);
                    }

                    w.WriteBoolean("confidential", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("at", change.At);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
