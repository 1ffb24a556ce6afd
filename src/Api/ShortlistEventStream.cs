using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Matching.Api;

/// <summary>The response body of one SSE connection; it owns the hub connection and leaves the hub when the client goes.</summary>
public sealed class ShortlistEventStream(
    ShortlistHub.Connection connection, Shortlist current, int k, Func<Shortlist, object> response, TimeSpan keepAlive, JsonSerializerOptions json)
    : IResult
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext http)
    {
        using var _ = connection;
        var aborted = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx would otherwise hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = http.Response.Body;
        try
        {
            // The current list has no change id: an EventSource keeps the last id it saw.
            var sent = TopIds(current);
            await body.WriteAsync(Frame(null, current), aborted);
            await body.FlushAsync(aborted);
            var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            try
            {
                while (true)
                {
                    idle.CancelAfter(keepAlive);
                    bool more;
                    try
                    {
                        more = await connection.Changes.WaitToReadAsync(idle.Token);
                    }
                    catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                    {
                        idle.Dispose(); // a cancelled source cannot be re-armed
                        idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                        await body.WriteAsync(KeepAlive, aborted);
                        await body.FlushAsync(aborted);
                        continue;
                    }

                    if (!more)
                    {
                        return; // fell MaxEventsBehind behind: closing lets the client reconnect to the current list
                    }

                    while (connection.Changes.TryRead(out var change))
                    {
                        // Right after connecting, a change may repeat the list just sent: send only what differs.
                        var ids = TopIds(change.Shortlist);
                        if (change.ChangesTop(k) && !ids.SequenceEqual(sent, StringComparer.Ordinal))
                        {
                            sent = ids;
                            await body.WriteAsync(Frame(change.EventId, change.Shortlist), aborted);
                        }
                    }

                    await body.FlushAsync(aborted);
                }
            }
            finally
            {
                idle.Dispose();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private string[] TopIds(Shortlist s) => s.Items.Take(k).Select(i => i.Id).ToArray();

    /// <summary>One <c>event: shortlist</c> frame; the JSON is one line (serialized JSON escapes line breaks).</summary>
    private byte[] Frame(string? eventId, Shortlist shortlist)
    {
        var data = response(shortlist with { Items = shortlist.Items.Take(k).ToArray() });
        var text = new StringBuilder("event: shortlist\n");
        if (eventId is not null)
        {
            text.Append("id: ").Append(eventId).Append('\n');
        }

        text.Append("data: ").Append(JsonSerializer.Serialize(data, data.GetType(), json)).Append("\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
