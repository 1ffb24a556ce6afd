using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Matching.Load.Generation;
using Matching.Load.Run;

namespace Matching.Tests.Http;

/// <summary>The load tool's view of a target, against a real HTTP listener.</summary>
public sealed class LoadTargetTests
{
    [Fact]
    public async Task A_status_that_does_not_answer_is_not_taken_for_a_drained_backlog()
    {
        using var stop = new CancellationTokenSource();
        var (port, answering) = Serve(context =>
        {
            context.Response.StatusCode = 503; // a silo too busy to answer GET /v1/status
            return Task.CompletedTask;
        }, stop.Token);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var log = new StringWriter();
        var quiet = await Target.WaitForQuietAsync(http, TimeSpan.FromSeconds(1), log, CancellationToken.None);

        Assert.False(quiet);
        Assert.Contains("the status did not answer", log.ToString(), StringComparison.Ordinal);
        await stop.CancelAsync();
        await answering;
    }

    [Theory]
    [InlineData("0s", "measuring at once")]
    [InlineData("1s", "still 5 after 1 s; going on")]
    public async Task A_run_waits_for_the_backlog_only_as_long_as_drain_says(string drain, string said)
    {
        var (log, _) = await RunAgainstUndrainedBacklogAsync(Parse.TryDuration(drain, out var value) ? value : throw new ArgumentException(drain), load: false);

        Assert.Contains(said, log, StringComparison.Ordinal);
        Assert.Equal(drain != "0s", log.Contains("waiting until it is zero", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_load_with_drain_zero_does_not_wait_for_the_imports_backlog()
    {
        var (log, batches) = await RunAgainstUndrainedBacklogAsync(TimeSpan.Zero, load: true);

        Assert.Equal(2, batches); // the needs' batch and the offers'
        Assert.Contains("backlog not seen zero", log, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting for the backlog to drain", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A short read run over a generated 20 + 20 corpus against a real listener that takes every batch and whose
    /// backlog stays at 5 (a sweep that never drains; shortlists are not found): the run's log, and the batches posted.
    /// </summary>
    private static async Task<(string Log, int Batches)> RunAgainstUndrainedBacklogAsync(TimeSpan drain, bool load)
    {
        var dir = Path.Combine(Path.GetTempPath(), "matching-tests", "drain-" + Guid.NewGuid().ToString("N"));
        try
        {
            var corpus = Path.Combine(dir, "corpus");
            Assert.Equal(0, await new RootCommand { GenerateCommand.Create() }.Parse(["generate", "--offers", "20", "--needs", "20", "--out", corpus]).InvokeAsync());
            using var stop = new CancellationTokenSource();
            var batches = 0;
            var (port, answering) = Serve(async context =>
            {
                var path = context.Request.Url!.AbsolutePath;
                var batch = path.EndsWith("/batch", StringComparison.Ordinal);
                batches += batch ? 1 : 0;
                context.Response.StatusCode = path == "/v1/status" || batch ? 200 : 404;
                var body = batch ? """{"accepted":[],"rejected":[]}""" : """{"backlog":{"pending":5,"oldestAgeMs":0}}""";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            }, stop.Token);

            var log = new StringWriter();
            var settings = new RunSettings
            {
                Target = new Uri($"http://127.0.0.1:{port}"), Scenario = "read", Rate = 5, Duration = TimeSpan.FromSeconds(0.4), Warmup = TimeSpan.Zero,
                Corpus = new DirectoryInfo(corpus), Out = new DirectoryInfo(Path.Combine(dir, "out")), Drain = drain, Load = load, Progress = false,
            };
            await LoadRun.ExecuteAsync(settings, log, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)); // --load's own wait would take 30 min
            await stop.CancelAsync();
            await answering;
            return (log.ToString(), batches);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A real HTTP listener on a free port that answers every request with <paramref name="answer"/> until <paramref name="stop"/>; the task ends cleanly then, and faults only if an answer threw.</summary>
    private static (int Port, Task Answering) Serve(Func<HttpListenerContext, Task> answer, CancellationToken stop)
    {
        var port = FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answering = Task.Run(async () =>
        {
            using (listener)
            {
                while (!stop.IsCancellationRequested)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync().WaitAsync(stop);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    await answer(context);
                    context.Response.Close();
                }
            }
        });
        return (port, answering);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
