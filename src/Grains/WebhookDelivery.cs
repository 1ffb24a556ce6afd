using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Matching.Grains;

/// <summary>
/// POSTs shortlist changes to webhooks, outside any grain: dispatcher grains only <see cref="Enqueue"/> (a lock and a
/// dictionary write), and this service's loops, on the thread pool, do the HTTP. One outbox per partition and
/// webhook, delivered one POST at a time in order; at least once: a failure (network error, timeout, non-2xx) is
/// retried with exponential backoff and jitter until it succeeds, a newer change of the same item supersedes it, or
/// <see cref="WebhookOptions.MaxAttempts"/> run out. Memory is bounded: an outbox holds at most one change per item
/// (the newest) and at most <see cref="MaxPending"/> items; beyond that changes are dropped and counted.
/// </summary>
public sealed partial class WebhookDelivery : BackgroundService
{
    /// <summary>Most undelivered changes (distinct items) one webhook's outbox holds per partition stream.</summary>
    public const int MaxPending = 1_000;

    private readonly ConcurrentDictionary<(string Partition, string Name), Outbox> _outboxes = new();
    private readonly Channel<Outbox> _ready = Channel.CreateUnbounded<Outbox>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http;
    private readonly WebhookOptions _options;
    private readonly WebhookTargetPolicy _targets;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDelivery> _log;

    public WebhookDelivery(IOptions<WebhookOptions> options, WebhookTargetPolicy targets, TimeProvider clock, ILogger<WebhookDelivery> log)
    {
        _options = options.Value;
        _targets = targets;
        _clock = clock;
        _log = log;
        // One long-lived client: pooled connections are reused across POSTs and recycled so DNS changes are seen.
        // Redirects are not followed: a receiver that moved must be re-registered, not silently re-pointed.
        // No proxy: the target policy must judge the address actually connected to, which a proxy would hide.
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.Timeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each POST has its own deadline (Options.Timeout)
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Matching-Webhooks", "1"));
    }

    /// <summary>Queues one change for one webhook. Never blocks and never waits: called in a dispatcher grain's turn.</summary>
    /// <param name="partition">The partition stream key (one dispatcher grain).</param>
    /// <param name="webhook">The webhook, with the URL and secret to use.</param>
    /// <param name="itemKey">Identifies the item whose list changed (<c>need:{id}</c>): a newer change of it replaces an undelivered older one.</param>
    /// <param name="eventId">The change's event id.</param>
    /// <param name="body">The exact bytes to POST and sign.</param>
    public void Enqueue(string partition, Webhook webhook, string itemKey, string eventId, byte[] body)
    {
        var outbox = _outboxes.GetOrAdd((partition, webhook.Name), _ => new Outbox(webhook.Spec));
        if (outbox.Add(webhook.Spec, itemKey, new Pending(eventId, body, 0)))
        {
            _ready.Writer.TryWrite(outbox);
        }
    }

    /// <summary>Keeps the outboxes of the webhooks in <paramref name="set"/> (with their new URL and secret) and discards the others'.</summary>
    public void Retain(string partition, WebhookSet set)
    {
        var specs = set.Webhooks.ToDictionary(w => w.Name, w => w.Spec, StringComparer.Ordinal);
        foreach (var ((p, name), outbox) in _outboxes)
        {
            if (p != partition)
            {
                continue;
            }

            if (specs.TryGetValue(name, out var spec))
            {
                outbox.Retarget(spec);
            }
            else if (_outboxes.TryRemove((p, name), out _))
            {
                outbox.Close();
            }
        }
    }

    /// <summary>Delivery counts of one partition's outboxes, by webhook name.</summary>
    public Dictionary<string, WebhookStats> Stats(string partition) =>
        _outboxes.Where(o => o.Key.Partition == partition).ToDictionary(o => o.Key.Name, o => o.Value.Stats(), StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs on the thread pool (started by the host), so every drain loop and its HTTP continuations do too.
        await foreach (var outbox in _ready.Reader.ReadAllAsync(stoppingToken))
        {
            _ = DrainAsync(outbox, stoppingToken);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task DrainAsync(Outbox outbox, CancellationToken stoppingToken)
    {
        try
        {
            while (outbox.TryPeek(out var spec, out var itemKey, out var pending))
            {
                var error = await SendAsync(spec, pending, stoppingToken);
                if (error is not null)
                {
                    LogFailed(pending.EventId, spec.Url, pending.Attempts + 1, error);
                }

                if (outbox.Complete(itemKey, pending, error, _clock.GetUtcNow(), _options.MaxAttempts) is { } attempts)
                {
                    await Task.Delay(Backoff(attempts), _clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; what is pending is lost with the process (delivery is in memory).
        }
        catch (Exception e)
        {
            LogDrainFailed(e);
            outbox.Unschedule();
        }
    }

    private async Task<string?> SendAsync(WebhookSpec spec, Pending pending, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, spec.Url) { Content = new ByteArrayContent(pending.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Matching-Event-Id", pending.EventId);
        request.Headers.Add("X-Matching-Signature", Signature(spec.Secret, pending.Body));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no response within {_options.Timeout.TotalSeconds:0.#} s";
        }
    }

    /// <summary>
    /// Connects only to addresses the target policy allows, resolved here rather than trusted from registration, so that
    /// a name re-pointed at a private address after it was registered (DNS rebinding) is refused at every POST.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var url = context.InitialRequestMessage.RequestUri!;
        var host = WebhookTargetPolicy.Host(url);
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refused = addresses.Select(a => (Address: a, Error: _targets.AddressError(url, a))).ToArray();
        Exception? failed = null;
        foreach (var (address, _) in refused.Where(r => r.Error is null))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failed = e; // the next allowed address may answer
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failed ?? new HttpRequestException(refused.Select(r => r.Error).FirstOrDefault(e => e is not null) ?? $"{host} has no address");
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the secret's UTF-8 bytes.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>FirstRetryDelay doubled per failed attempt, capped, and spread by ±20% so that outboxes do not retry in step.</summary>
    private TimeSpan Backoff(int failedAttempts)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var delay = Math.Min(_options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of {EventId} to {Url} failed (attempt {Attempt}): {Error}")]
    private partial void LogFailed(string eventId, string url, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook outbox stopped unexpectedly; it restarts with the next change")]
    private partial void LogDrainFailed(Exception e);

    private sealed record Pending(string EventId, byte[] Body, int Attempts);

    /// <summary>One webhook's undelivered changes of one partition, oldest item first, one per item.</summary>
    private sealed class Outbox(WebhookSpec spec)
    {
        private readonly Lock _lock = new();
        private readonly OrderedDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
        private WebhookSpec _spec = spec;
        private bool _scheduled;
        private bool _closed;
        private long _delivered;
        private long _failedAttempts;
        private long _dropped;
        private string? _lastError;
        private DateTimeOffset? _lastErrorAt;

        /// <summary>Adds or supersedes the item's change; true when a drain loop must be started.</summary>
        public bool Add(WebhookSpec spec, string itemKey, Pending pending)
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                _spec = spec;
                if (!_pending.ContainsKey(itemKey) && _pending.Count >= MaxPending)
                {
                    _dropped++;
                    return false;
                }

                _pending[itemKey] = pending; // in place: a superseded item keeps its turn
                if (_scheduled)
                {
                    return false;
                }

                _scheduled = true;
                return true;
            }
        }

        public void Retarget(WebhookSpec spec)
        {
            lock (_lock)
            {
                _spec = spec;
            }
        }

        public void Close()
        {
            lock (_lock)
            {
                _closed = true;
                _pending.Clear();
            }
        }

        /// <summary>The oldest item's change, left in place while it is sent; false (and unscheduled) when there is none.</summary>
        public bool TryPeek(out WebhookSpec spec, out string itemKey, out Pending pending)
        {
            lock (_lock)
            {
                spec = _spec;
                if (_closed || _pending.Count == 0)
                {
                    _scheduled = false;
                    itemKey = "";
                    pending = null!;
                    return false;
                }

                (itemKey, pending) = _pending.GetAt(0);
                return true;
            }
        }

        /// <summary>Records the outcome of one POST; the number of failed attempts when it must be retried after a backoff.</summary>
        public int? Complete(string itemKey, Pending sent, string? error, DateTimeOffset now, int maxAttempts)
        {
            lock (_lock)
            {
                // A newer change of the item arrived while this one was in flight: it replaces this one either way.
                var current = _pending.TryGetValue(itemKey, out var p) && ReferenceEquals(p, sent);
                if (error is null)
                {
                    _delivered++;
                    if (current)
                    {
                        _pending.Remove(itemKey);
                    }

                    return null;
                }

                _failedAttempts++;
                _lastError = error;
                _lastErrorAt = now;
                var attempts = sent.Attempts + 1;
                if (current)
                {
                    if (attempts >= maxAttempts)
                    {
                        _pending.Remove(itemKey);
                        _dropped++;
                    }
                    else
                    {
                        _pending[itemKey] = sent with { Attempts = attempts };
                    }
                }

                return attempts;
            }
        }

        public void Unschedule()
        {
            lock (_lock)
            {
                _scheduled = false;
            }
        }

        public WebhookStats Stats()
        {
            lock (_lock)
            {
                return new WebhookStats(_delivered, _failedAttempts, _pending.Count, _dropped, _lastError, _lastErrorAt);
            }
        }
    }
}
