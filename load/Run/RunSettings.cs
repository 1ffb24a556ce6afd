using System.Globalization;

namespace Matching.Load.Run;

/// <summary>Everything one <c>run</c> needs: the target, the scenario, the arrival rate and how long to hold it.</summary>
public sealed record RunSettings
{
    public required Uri Target { get; init; }

    public required string Scenario { get; init; }

    /// <summary>Requests (for <c>import</c>: batches) per second, held whatever the target does.</summary>
    public required double Rate { get; init; }

    /// <summary>The measured window; the warm-up comes before it.</summary>
    public required TimeSpan Duration { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required DirectoryInfo Corpus { get; init; }

    public required DirectoryInfo Out { get; init; }

    public IReadOnlyList<SloCriterion> Slo { get; init; } = [];

    /// <summary>How long to wait for a zero backlog before measuring; zero measures at once (as while an import's sweep runs).</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Import the corpus once (and wait until the backlog is zero) before the run starts.</summary>
    public bool Load { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>k of every shortlist request.</summary>
    public int K { get; init; } = 3;

    /// <summary>Requests sent but not answered at once; a request due beyond it is counted as an "overflow" error.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>A request not answered within it is a "timeout" error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Zipf exponent of the ids that <c>read</c> asks for (1: the k-th most popular id is asked k times less often).</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Shares of <c>mixed</c>: scenario name to weight.</summary>
    public IReadOnlyList<(string Scenario, double Weight)> Mix { get; init; } = [("read", 80), ("write", 15), ("adhoc", 5)];

    /// <summary>Items per batch of <c>import</c> and <c>--load</c> (the API takes at most 10,000).</summary>
    public int BatchItems { get; init; } = 10_000;

    /// <summary>Bytes per batch: the API refuses a body over its Limits:MaxRequestBytes (2 MiB by default) with 413.</summary>
    public int BatchBytes { get; init; } = 2_000_000;

    /// <summary>Send batches as application/x-ndjson instead of a JSON array.</summary>
    public bool NdJson { get; init; }

    /// <summary><c>freshness</c>: how often the need's kept shortlist is asked again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary><c>freshness</c>: a copy not seen within it is a "timeout" error.</summary>
    public TimeSpan FreshnessTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Print a progress line to stderr once a second.</summary>
    public bool Progress { get; init; } = true;

    public static readonly string[] Scenarios = ["import", "write", "read", "adhoc", "mixed", "freshness"];

    /// <summary>5 s, or 10% of the duration when that is shorter: a short run is not mostly warm-up.</summary>
    public static TimeSpan DefaultWarmup(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, duration.Ticks / 10));

    /// <summary><c>load-results/&lt;UTC timestamp&gt;-&lt;scenario&gt;</c> under the working directory.</summary>
    public static DirectoryInfo DefaultOut(string scenario, DateTimeOffset now) =>
        new(Path.Combine("load-results", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + scenario));
}
