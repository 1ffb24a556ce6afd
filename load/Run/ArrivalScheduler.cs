using System.Diagnostics;
using System.Net.Sockets;

namespace Matching.Load.Run;

/// <summary>
/// The open model: request i is due at t0 + i / rate, whatever happened to the requests before it. A request is
/// sent when it is due without waiting for earlier ones, and its latency is counted from when it was due, not
/// from when it was sent: a target (or a client) that falls behind shows in the latency instead of quietly
/// lowering the rate (coordinated omission). The only bound is the in-flight cap: a request due while the cap is
/// reached is not sent and is counted as an "overflow" error, never dropped silently.
/// </summary>
public sealed class ArrivalScheduler(double rate, TimeSpan warmup, TimeSpan duration, int maxInFlight, TimeSpan timeout)
{
    private long _inFlight;

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Requests in the warm-up and the measured window together.</summary>
    public long Total => (long)Math.Floor((warmup + duration).TotalSeconds * rate);

    /// <summary>Stopwatch timestamp of t0 (set when the run starts).</summary>
    public long Start { get; private set; }

    /// <summary>Requests sent so far (due ones, overflow included).</summary>
    public long Dispatched { get; private set; }

    /// <summary>Sends every request at its due time, then waits until the last one has ended.</summary>
    public async Task RunAsync(Scenario scenario, HttpClient http, Recorder recorder, CancellationToken cancel)
    {
        // The due times are kept by a thread of its own: awaiting Task.Delay on the thread pool woke up a median
        // 2.3 ms late at 1,000/s (measured with no-op requests), a timed wait on a dedicated thread 0.6 ms.
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Dispatch(scenario, http, recorder, cancel);
                dispatched.SetResult();
            }
            catch (Exception e)
            {
                dispatched.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "arrivals",
        };
        thread.Start();
        await dispatched.Task;
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private void Dispatch(Scenario scenario, HttpClient http, Recorder recorder, CancellationToken cancel)
    {
        var total = Total;
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var warmupTicks = (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        Start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var due = Start + (long)(i * ticksPerRequest);
            WaitUntil(due, cancel);
            var request = scenario.Next(i);
            var second = (int)((due - Start) / Stopwatch.Frequency);
            var inWarmup = due - Start < warmupTicks;
            recorder.Due(second, inWarmup);
            Dispatched = i + 1;
            if (Interlocked.Read(ref _inFlight) >= maxInFlight)
            {
                recorder.Failure(request.Kind, second, inWarmup, Stopwatch.GetTimestamp(), "overflow", null);
                continue;
            }

            Interlocked.Increment(ref _inFlight);
            // Off this thread: building a body or a slow connect must not delay the next request's due time.
            _ = Task.Run(() => SendAsync(request, http, recorder, due, second, inWarmup, cancel), CancellationToken.None);
        }
    }

    /// <summary>
    /// Never before <paramref name="due"/>: a request sent early would be timed short. Timed waits count whole
    /// milliseconds, so the wait is rounded up; the wake-up is then up to about a millisecond late, which the
    /// send lag reports and the latency includes.
    /// </summary>
    private static void WaitUntil(long due, CancellationToken cancel)
    {
        long wait;
        while ((wait = due - Stopwatch.GetTimestamp()) > 0)
        {
            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency)));
            cancel.ThrowIfCancellationRequested();
        }
    }

    private async Task SendAsync(Request request, HttpClient http, Recorder recorder, long due, int second, bool warmup, CancellationToken cancel)
    {
        recorder.SendLag(warmup, due, Stopwatch.GetTimestamp());
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var outcome = await request.Send(http, timeoutSource.Token);
            if (outcome.Error is null)
            {
                recorder.Success(request.Kind, second, warmup, due, outcome.EndTimestamp, outcome.Status ?? 0);
            }
            else
            {
                recorder.Failure(request.Kind, second, warmup, outcome.EndTimestamp, outcome.Error, outcome.Status);
            }
        }
        catch (Exception e)
        {
            recorder.Failure(request.Kind, second, warmup, Stopwatch.GetTimestamp(), Describe(e, timeoutSource.IsCancellationRequested && !cancel.IsCancellationRequested), null);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A transport error by kind: "timeout", "HttpRequestException: ConnectionError (ConnectionRefused)", ...</summary>
    internal static string Describe(Exception e, bool timedOut)
    {
        if (timedOut && e is OperationCanceledException)
        {
            return "timeout";
        }

        return e switch
        {
            HttpRequestException { InnerException: SocketException s } h => $"{nameof(HttpRequestException)}: {h.HttpRequestError} ({s.SocketErrorCode})",
            HttpRequestException h => $"{nameof(HttpRequestException)}: {h.HttpRequestError}",
            _ => e.GetType().Name,
        };
    }
}
