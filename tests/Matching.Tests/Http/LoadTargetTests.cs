using System.Net;
using System.Net.Sockets;
using Matching.Load.Run;

namespace Matching.Tests.Http;

/// <summary>The load tool's view of a target, against a real HTTP listener.</summary>
public sealed class LoadTargetTests
{
    [Fact]
    public async Task A_status_that_does_not_answer_is_not_taken_for_a_drained_backlog()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stop.Token);
                context.Response.StatusCode = 503; // a silo too busy to answer GET /v1/status
                context.Response.Close();
            }
        });

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var log = new StringWriter();
        var quiet = await Target.WaitForQuietAsync(http, TimeSpan.FromSeconds(1), log, CancellationToken.None);

        Assert.False(quiet);
        Assert.Contains("the status did not answer", log.ToString(), StringComparison.Ordinal);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answering);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
