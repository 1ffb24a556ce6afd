using System.Collections.Concurrent;
using System.Threading.Channels;
using Orleans.Streams;

namespace Matching.Api;

/// <summary>
/// Carries shortlist changes from the cluster to this process's SSE connections. The process subscribes once per
/// partition stream of a tenant (<see cref="ShortlistStreams.Keys"/>), lazily on the tenant's first connection, and
/// keeps those subscriptions while it runs; each change is handed to the connections of its own item only.
/// A connection buffers at most <see cref="MaxEventsBehind"/> changes: a client that falls further behind is closed
/// (its EventSource reconnects and starts again from the current list) rather than slowing the others or growing memory.
/// </summary>
public sealed class ShortlistHub(IClusterClient cluster, ILogger<ShortlistHub> log) : IHostedService
{
    /// <summary>Changes a connection may have unsent before it is closed.</summary>
    public const int MaxEventsBehind = 256;

    private readonly ConcurrentDictionary<string, Lazy<Task<StreamSubscriptionHandle<ShortlistChanged>[]>>> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Tenant, Side Owner, string Id), List<Connection>> _connections = [];
    private readonly Lock _lock = new();

    /// <summary>Open connections, all items together.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Values.Sum(c => c.Count);
            }
        }
    }

    /// <summary>
    /// Registers a connection for one item's changes and makes sure the tenant's streams are subscribed; changes
    /// published from now on reach it. Dispose it to leave.
    /// </summary>
    public async Task<Connection> ConnectAsync(string tenant, Side owner, string id)
    {
        var connection = new Connection(this, (tenant, owner, id));
        lock (_lock)
        {
            if (!_connections.TryGetValue(connection.Key, out var list))
            {
                _connections[connection.Key] = list = [];
            }

            list.Add(connection);
        }

        try
        {
            await SubscribeAsync(tenant);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Leaves the streams while the co-hosted silo still runs (hosted services stop in reverse order), so no stale subscription stays in pub-sub.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var handles = _tenants.Values.Where(t => t.IsValueCreated && t.Value.IsCompletedSuccessfully).SelectMany(t => t.Value.Result);
        await Task.WhenAll(handles.Select(LeaveAsync));

        async Task LeaveAsync(StreamSubscriptionHandle<ShortlistChanged> handle)
        {
            try
            {
                await handle.UnsubscribeAsync().WaitAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // "Handle is no longer valid": the subscription is already gone, which is what stopping wants.
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
            {
                log.LogWarning(e, "Could not unsubscribe from the shortlist streams while stopping");
            }
        }
    }

    private async Task SubscribeAsync(string tenant)
    {
        var subscription = _tenants.GetOrAdd(tenant, t => new Lazy<Task<StreamSubscriptionHandle<ShortlistChanged>[]>>(() => SubscribeAllAsync(t)));
        try
        {
            await subscription.Value;
        }
        catch
        {
            // Let the next connection try again rather than remembering a failure forever.
            _tenants.TryRemove(new KeyValuePair<string, Lazy<Task<StreamSubscriptionHandle<ShortlistChanged>[]>>>(tenant, subscription));
            throw;
        }
    }

    private Task<StreamSubscriptionHandle<ShortlistChanged>[]> SubscribeAllAsync(string tenant)
    {
        var provider = cluster.GetStreamProvider(ShortlistStreams.Provider);
        return Task.WhenAll(ShortlistStreams.Keys(tenant).Select(key =>
            provider.GetStream<ShortlistChanged>(StreamId.Create(ShortlistStreams.Namespace, key))
                .SubscribeAsync((change, _) => Dispatch(change))));
    }

    /// <summary>Hands a change to its item's connections; never waits (the stream's pulling agent calls this).</summary>
    private Task Dispatch(ShortlistChanged change)
    {
        Connection[] targets;
        lock (_lock)
        {
            if (!_connections.TryGetValue((change.Tenant, change.Owner, change.Id), out var list))
            {
                return Task.CompletedTask;
            }

            targets = [.. list];
        }

        foreach (var connection in targets)
        {
            connection.Offer(change);
        }

        return Task.CompletedTask;
    }

    private void Remove(Connection connection)
    {
        lock (_lock)
        {
            if (_connections.TryGetValue(connection.Key, out var list) && list.Remove(connection) && list.Count == 0)
            {
                _connections.Remove(connection.Key);
            }
        }
    }

    /// <summary>One SSE client's view of one item's changes.</summary>
    public sealed class Connection : IDisposable
    {
        private readonly ShortlistHub _hub;
        private volatile bool _disposed;
        private readonly Channel<ShortlistChanged> _changes = Channel.CreateBounded<ShortlistChanged>(
            new BoundedChannelOptions(MaxEventsBehind) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Connection(ShortlistHub hub, (string, Side, string) key)
        {
            _hub = hub;
            Key = key;
        }

        internal (string Tenant, Side Owner, string Id) Key { get; }

        /// <summary>The changes, in stream order; completes when the client fell <see cref="MaxEventsBehind"/> behind.</summary>
        public ChannelReader<ShortlistChanged> Changes => _changes.Reader;

        /// <summary>True once the client was closed for falling behind.</summary>
        public bool Overflowed { get; private set; }

        internal void Offer(ShortlistChanged change)
        {
            if (_changes.Writer.TryWrite(change) || _disposed)
            {
                return;
            }

            Overflowed = true; // before completing, so that the reader sees why it ended
            _changes.Writer.TryComplete();
            _hub.Remove(this);
        }

        public void Dispose()
        {
            _disposed = true;
            _changes.Writer.TryComplete();
            _hub.Remove(this);
        }
    }
}
