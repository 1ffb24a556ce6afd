using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Tests.Http;

/// <summary>A real HTTP listener on a free loopback port that records webhook POSTs and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly Queue<Func<Task<int>>> _answers = new();

    private readonly string _only;

    private WebhookReceiver(WebApplication app, string only)
    {
        _app = app;
        _only = only;
    }

    public string Url { get; private set; } = "";

    /// <summary>Starts a receiver that records the POSTs whose event id contains <paramref name="only"/> (a test's own items) and answers others 200.</summary>
    public static async Task<WebhookReceiver> StartAsync(string only)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, only);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var received = new Received(
                http.Request.Headers["X-Matching-Event-Id"].ToString(), http.Request.Headers["X-Matching-Signature"].ToString(),
                http.Request.ContentType, body.ToArray());
            if (!received.EventId.Contains(receiver._only, StringComparison.Ordinal))
            {
                return Results.Ok();
            }

            Func<Task<int>>? answer;
            lock (receiver._answers)
            {
                receiver._answers.TryDequeue(out answer);
            }

            var status = answer is null ? StatusCodes.Status200OK : await answer();
            receiver._received.Writer.TryWrite(received with { Status = status });
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hook";
        return receiver;
    }

    /// <summary>Answers the next POST (after those already queued) with what <paramref name="answer"/> returns.</summary>
    public void Then(Func<Task<int>> answer)
    {
        lock (_answers)
        {
            _answers.Enqueue(answer);
        }
    }

    public void Then(int status) => Then(() => Task.FromResult(status));

    /// <summary>The next POST; fails when none arrives within the deadline.</summary>
    public async Task<Received> NextAsync()
    {
        using var deadline = new CancellationTokenSource(SseClient.Deadline);
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>Whether a POST arrived, without waiting.</summary>
    public bool TryNext(out Received received) => _received.Reader.TryRead(out received!);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string EventId, string Signature, string? ContentType, byte[] Body, int Status = 0);
}
