using System.Net;
using System.Text;

namespace Matching.Tests.Http;

/// <summary>Reads frames from an open <c>text/event-stream</c> response, each within a deadline.</summary>
internal sealed class SseClient(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public HttpResponseMessage Response => response;

    public static async Task<SseClient> OpenAsync(HttpClient http, string path)
    {
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The next event or comment; fails when none arrives within <see cref="Deadline"/>.</summary>
    public async Task<SseFrame> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await NextAsync(deadline.Token);
    }

    private async Task<SseFrame> NextAsync(CancellationToken cancellation)
    {
        string? name = null, id = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellation) ?? throw new EndOfStreamException("the server closed the stream");
            if (line.Length == 0)
            {
                if (name is not null || data is not null)
                {
                    return new SseFrame(name, id, data, null);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                return new SseFrame(null, null, null, line[1..].Trim());
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "event": name = value; break;
                case "id": id = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    /// <summary>The next event, skipping keep-alive comments; fails when none arrives within <see cref="Deadline"/>.</summary>
    public async Task<SseFrame> NextEventAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline); // one deadline for the event: keep-alives do not extend it
        while (true)
        {
            var frame = await NextAsync(deadline.Token);
            if (frame.Comment is null)
            {
                return frame;
            }
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
