using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Matching.Tests.Processes;

/// <summary>
/// A Matching cluster of real processes, started as a user would (scripts/cluster-up.sh): <c>redis-server</c> on a
/// free loopback port with its append-only file fsynced on every write, N <c>Matching.Silo</c> processes and one
/// <c>Matching.Api</c> process, all from the solution's build output. Each process's output goes to a log file in the
/// fixture's temp folder; <see cref="Logs"/> gives their tails for assertion messages. Cluster and service ids are
/// unique per fixture, so that fixtures never share keys. Every process started is killed by id on dispose.
/// </summary>
public sealed class ClusterProcesses : IAsyncLifetime
{
    /// <summary>Silos take 10-20 s to start on a 2-core box, longer while other test collections run beside them.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly List<StartedProcess> _started = [];
    private readonly List<SiloProcess> _silos = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "matching-tests", "processes-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _configuration;
    private StartedProcess? _redis;
    private StartedProcess? _api;
    private HttpClient? _http;
    private HttpClient? _ops;
    private string? _portalKey;
    private int _siloNumber;

    public ClusterProcesses()
    {
        RepoRoot = FindRepoRoot();
        _configuration = BuildConfiguration();
        SiloDll = BuiltDll("Silo", "Matching.Silo.dll");
        ApiDll = BuiltDll("Api", "Matching.Api.dll");
        AssertSameBuild(SiloDll);
        AssertSameBuild(ApiDll);
        ClusterId = "procs-" + Guid.NewGuid().ToString("N")[..12];
        ServiceId = ClusterId;
        Directory.CreateDirectory(RedisDir);
        Directory.CreateDirectory(ModelsDir);
        Directory.CreateDirectory(LogsDir);
    }

    public string RepoRoot { get; }

    public string SiloDll { get; }

    public string ApiDll { get; }

    public string ClusterId { get; }

    public string ServiceId { get; }

    public int RedisPort { get; } = FreePort();

    /// <summary>The API's port stays the same across restarts, so that callers keep one address.</summary>
    public int ApiPort { get; } = FreePort();

    public Uri ApiAddress => new($"http://127.0.0.1:{ApiPort}");

    /// <summary>The cluster's admin (ops) key: cluster mode refuses to start without one.</summary>
    public const string AdminKey = "test-admin-key-0123456789abcdef0123456789";

    /// <summary>A portal client of the running API, tenant default (no timeout of its own: callers pass one per request).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The API is not started.");

    /// <summary>An ops client of the running API (the admin key): status of any tenant, consistency, keys.</summary>
    public HttpClient Ops => _ops ?? throw new InvalidOperationException("The API is not started.");

    /// <summary>Silos started and not killed since.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos.Where(s => !s.Process.HasExited).ToList();

    public bool RedisRunning => _redis is { HasExited: false };

    /// <summary>The API process's id, while it runs.</summary>
    public int? ApiProcessId => _api is { HasExited: false } api ? api.Id : null;

    private string RedisDir => Path.Combine(_root, "redis");

    private string ModelsDir => Path.Combine(_root, "models");

    private string LogsDir => Path.Combine(_root, "logs");

    public async Task InitializeAsync() => await EnsureRunningAsync(silos: 2);

    /// <summary>
    /// Brings the cluster to Redis, <paramref name="silos"/> live silos and the API, whatever an earlier test left
    /// (a killed silo, Redis stopped), and waits until the API is ready and every live silo is active.
    /// </summary>
    public async Task EnsureRunningAsync(int silos)
    {
        if (!RedisRunning)
        {
            await StartRedisAsync();
        }

        while (Silos.Count < silos)
        {
            StartSilo();
        }

        if (_api is not { HasExited: false })
        {
            StartApi();
        }

        await WaitReadyAsync();
        await WaitForActiveSilosAsync();
    }

    /// <summary>Starts <c>redis-server</c> on <see cref="RedisPort"/> over the fixture's data folder and waits for PING.</summary>
    public async Task StartRedisAsync()
    {
        if (RedisRunning)
        {
            throw new InvalidOperationException("Redis is running already.");
        }

        var redis = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not on PATH: the process tests start their own. Install it (.ci/run does: apt-get install redis-server).");
        _redis = Start("redis", redis, [
            "--port", RedisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", RedisDir,
        ], RedisDir, new Dictionary<string, string?>());
        await WaitUntilAsync(() => PingRedisAsync(), TimeSpan.FromSeconds(20), "redis-server did not answer PING");
    }

    /// <summary>Kills Redis (SIGKILL: with appendfsync always, every write it acknowledged is in its append-only file).</summary>
    public async Task StopRedisAsync()
    {
        var redis = _redis ?? throw new InvalidOperationException("Redis was never started.");
        redis.Kill();
        await WaitUntilAsync(async () => !await PingRedisAsync(), TimeSpan.FromSeconds(10), "redis-server still answers after kill");
    }

    /// <summary>
    /// Freezes Redis (SIGSTOP): its connections stay open and nothing answers, as with a hung server or a network
    /// partition, which a client can only tell by a timeout.
    /// </summary>
    public Task FreezeRedisAsync() => SignalRedisAsync("STOP");

    /// <summary>Resumes a frozen Redis (SIGCONT) and waits until it answers PING.</summary>
    public async Task ThawRedisAsync()
    {
        await SignalRedisAsync("CONT");
        await WaitUntilAsync(() => PingRedisAsync(), TimeSpan.FromSeconds(20), "redis-server did not answer PING after SIGCONT");
    }

    private async Task SignalRedisAsync(string signal)
    {
        var redis = _redis ?? throw new InvalidOperationException("Redis was never started.");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, redis.Id.ToString(CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {redis.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Starts one silo on fresh ports; does not wait for it to join (see <see cref="WaitForActiveSilosAsync"/>).</summary>
    public SiloProcess StartSilo()
    {
        var number = ++_siloNumber;
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var env = ClusterEnvironment();
        env["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        env["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        var process = Start($"silo{number}", DotnetHost(), [SiloDll], Path.GetDirectoryName(SiloDll)!, env);
        var silo = new SiloProcess(number, process, siloPort, gatewayPort);
        _silos.Add(silo);
        return silo;
    }

    /// <summary><c>kill -9</c> of one silo (and anything it started).</summary>
    public static void KillSilo(SiloProcess silo) => silo.Process.Kill();

    /// <summary>Starts the API as an Orleans client of the cluster; does not wait (see <see cref="WaitReadyAsync"/>).</summary>
    public void StartApi()
    {
        _http?.Dispose();
        _api = Start("api", DotnetHost(), [ApiDll, "--urls", ApiAddress.ToString().TrimEnd('/')], Path.GetDirectoryName(ApiDll)!, ClusterEnvironment());
        _http = Client(_portalKey);
        _ops?.Dispose();
        _ops = Client(AdminKey);
    }

    private HttpClient Client(string? key)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = ApiAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>Waits until <c>GET /health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync()
    {
        string last = "no answer yet";
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await Http.GetAsync("/health/ready", timeout.Token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}";
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                last = e.GetType().Name + ": " + e.Message;
                return false;
            }
        }, StartDeadline, () => $"the API was not ready (last answer: {last})");

        // The tests write as a portal of tenant default: a key the admin creates once (the registry keeps it in Redis).
        if (_portalKey is null)
        {
            // A cluster just started may not answer its first grain calls in time on a loaded box: 503 means retry.
            var (status, body) = (HttpStatusCode.ServiceUnavailable, "");
            await WaitUntilAsync(async () =>
            {
                using var response = await Ops.PostAsync("/v1/keys", new StringContent("""{"tenant":"default","role":"portal","name":"cluster tests"}""", Encoding.UTF8, "application/json"));
                (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
                return status != HttpStatusCode.ServiceUnavailable;
            }, StartDeadline, () => $"POST /v1/keys answered 503: {body}");
            Assert.True(status == HttpStatusCode.Created, $"POST /v1/keys: {(int)status} {body}{Logs()}");
            _portalKey = System.Text.Json.Nodes.JsonNode.Parse(body)!["key"]!.GetValue<string>();
            _http!.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _portalKey);
        }
    }

    /// <summary>Waits until every live silo process is an active member of the cluster.</summary>
    public async Task WaitForActiveSilosAsync()
    {
        await using var orleans = await ConnectAsync();
        string last = "no answer yet";
        await WaitUntilAsync(async () =>
        {
            var live = Silos.Select(s => s.SiloPort).ToHashSet();
            try
            {
                var hosts = await orleans.Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10));
                var active = hosts.Keys.Select(a => a.Endpoint.Port).ToHashSet();
                last = $"active silo ports [{string.Join(", ", active.Order())}], live processes' [{string.Join(", ", live.Order())}]";
                return live.IsSubsetOf(active);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                last = e.GetType().Name + ": " + e.Message;
                return false;
            }
        }, StartDeadline, () => $"the silos did not all become active ({last})");
    }

    /// <summary>An Orleans client of the live silos' gateways (static list), for the management grain.</summary>
    public async Task<OrleansProbe> ConnectAsync()
    {
        var gateways = Silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort)).ToArray();
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
                client.UseStaticClustering(gateways);
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            })
            .Build();
        using var timeout = new CancellationTokenSource(StartDeadline);
        await host.StartAsync(timeout.Token);
        return new OrleansProbe(host);
    }

    /// <summary>The last lines of every process's log (killed ones too), for assertion messages.</summary>
    public string Logs(int lines = 25)
    {
        var text = new StringBuilder();
        foreach (var process in _started)
        {
            var state = process.HasExited ? "exited" : "running";
            text.Append(CultureInfo.InvariantCulture, $"\n----- {process.Name} (pid {process.Id}, {state}; {process.LogPath}) -----\n");
            text.Append(process.Tail(lines));
        }

        return text.ToString();
    }

    /// <summary>Kills every process this fixture started, by id.</summary>
    public void KillAll()
    {
        _api?.Kill();
        foreach (var silo in _silos)
        {
            silo.Process.Kill();
        }

        _redis?.Kill();
    }

    public Task DisposeAsync()
    {
        KillAll();
        foreach (var process in _started)
        {
            process.Dispose();
        }

        _http?.Dispose();
        _ops?.Dispose();
        if (Environment.GetEnvironmentVariable("MATCHING_KEEP_PROCESS_LOGS") is { Length: > 0 })
        {
            Console.WriteLine($"process logs kept in {LogsDir}");
            return Task.CompletedTask;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log still being closed: the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for a condition, polling every 100 ms, and fails with <paramref name="message"/> and the logs' tails at the deadline.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> message) =>
        Wait.UntilAsync(condition, () => $"{message()}.{Logs()}", deadline, TimeSpan.FromMilliseconds(100));

    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string message) =>
        WaitUntilAsync(condition, deadline, () => message);

    /// <summary>Environment of a silo or the API: cluster mode on this fixture's Redis, its own ids, 4 shards a side.</summary>
    private Dictionary<string, string?> ClusterEnvironment() => new()
    {
        ["ConnectionStrings__redis"] = $"127.0.0.1:{RedisPort}",
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["Matching__ShardCount"] = "4",
        ["Matching__AdmissionBound"] = "00:01:00", // load shedding depends on the machine's speed, which these tests do not measure
        ["Matching__ModelsPath"] = ModelsDir,
        ["Auth__AdminKey"] = AdminKey,
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__Orleans"] = "Warning",
        // Membership changes (a silo suspected, declared dead, joining) are what a failing test's log should show.
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__UseUtcTimestamp"] = "true",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    private StartedProcess Start(string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory, Dictionary<string, string?> environment)
    {
        var logPath = Path.Combine(LogsDir, $"{name}-{_started.Count(p => p.Name == name) + 1}.log");
        var process = StartedProcess.Start(name, fileName, arguments, workingDirectory, environment, logPath);
        _started.Add(process);
        return process;
    }

    private async Task<bool> PingRedisAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, RedisPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal); // "-LOADING" while it reads its file
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Matching.sln above {AppContext.BaseDirectory}: the process tests run from the repository's build output.");
    }

    /// <summary>The configuration this test assembly was built with (Debug, Release): the processes come from the same.</summary>
    private static string BuildConfiguration() =>
        typeof(ClusterProcesses).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private string BuiltDll(string project, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name; // net10.0
        var path = Path.Combine(RepoRoot, "src", project, "bin", _configuration, framework, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the process tests start the built silo and API. Build the solution first " +
                $"(`dotnet build Matching.sln -c {_configuration}`; `dotnet test Matching.sln` builds it too).");
        }

        return path;
    }

    /// <summary>
    /// The silo and API folders hold their own copies of the grains: a folder left from an older build (after
    /// <c>dotnet build tests/Matching.Tests</c> alone, say) would test old code without a word.
    /// </summary>
    private static void AssertSameBuild(string dll)
    {
        foreach (var library in new[] { "Matching.Grains.dll", "Matching.Contracts.dll" })
        {
            var ours = Path.Combine(AppContext.BaseDirectory, library);
            var theirs = Path.Combine(Path.GetDirectoryName(dll)!, library);
            if (File.Exists(ours) && File.Exists(theirs) && !File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(theirs)))
            {
                throw new InvalidOperationException(
                    $"{theirs} differs from the test's own {ours}: {Path.GetFileName(dll)} is from another build. Build the solution first (`dotnet build Matching.sln`).");
            }
        }
    }

    /// <summary>The dotnet host running this test (the SDK sets DOTNET_HOST_PATH), else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port free now and not handed out before in this test run.</summary>
    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
