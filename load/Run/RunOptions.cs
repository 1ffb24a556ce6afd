using System.CommandLine;
using System.Globalization;

namespace Matching.Load.Run;

/// <summary>The options <c>run</c> and <c>sweep</c> share, and how they become <see cref="RunSettings"/>.</summary>
public sealed class RunOptions
{
    private readonly Option<string> _target = new("--target") { Description = "The API's base address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
    private readonly Option<string> _scenario = new("--scenario") { Description = "import, write, read, adhoc, mixed or freshness", Required = true };
    private readonly Option<DirectoryInfo> _corpus = new("--corpus") { Description = "Directory with offers.jsonl, needs.jsonl, judgments.jsonl (load -- generate)", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("data", "gen")) };
    private readonly Option<DirectoryInfo?> _out = new("--out") { Description = "Report directory (default load-results/<UTC time>-<scenario>)" };
    private readonly Option<string[]> _slo = new("--slo") { Description = "Objectives: p50, p90, p99, p99.9, max with us/ms/s, errors with %; repeatable or comma-separated (p99=20ms,errors=0.1%)", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _warmup = new("--warmup") { Description = "Warm-up before the measured time, not counted (default 5 s, or 10% of the duration when shorter)" };
    private readonly Option<bool> _load = new("--load") { Description = "Import the corpus once (and wait for the backlog to drain) before measuring" };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of every random choice (ids, items, mix)", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _k = new("--k") { Description = "k of shortlist requests", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _maxInFlight = new("--max-in-flight") { Description = "Requests in flight at most; a request due beyond it is an 'overflow' error", DefaultValueFactory = _ => 10_000 };
    private readonly Option<string> _timeout = new("--timeout") { Description = "A request not answered within it is a 'timeout' error", DefaultValueFactory = _ => "30s" };
    private readonly Option<string> _mix = new("--mix") { Description = "mixed: weights of read, write, adhoc, freshness", DefaultValueFactory = _ => "read=80,write=15,adhoc=5" };
    private readonly Option<double> _zipf = new("--zipf") { Description = "read: Zipf exponent of the ids asked for (0 = uniform)", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> _batchItems = new("--batch-items") { Description = "import and --load: items per batch (the API takes at most 10,000)", DefaultValueFactory = _ => 10_000 };
    private readonly Option<int> _batchBytes = new("--batch-bytes") { Description = "import and --load: bytes per batch (the API's Limits:MaxRequestBytes is 2 MiB by default)", DefaultValueFactory = _ => 2_000_000 };
    private readonly Option<bool> _ndjson = new("--ndjson") { Description = "import and --load: send application/x-ndjson instead of a JSON array" };
    private readonly Option<string> _poll = new("--poll") { Description = "freshness: interval between polls of the need's shortlist", DefaultValueFactory = _ => "10ms" };
    private readonly Option<string> _freshnessTimeout = new("--freshness-timeout") { Description = "freshness: a copy not seen within it is a 'timeout' error", DefaultValueFactory = _ => "5s" };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "No progress line each second" };
    private readonly Option<string> _drain = new("--drain") { Description = "Wait at most this long for a zero backlog before measuring; 0s measures at once, as while an import's sweep runs", DefaultValueFactory = _ => "10m" };

    public void AddTo(Command command)
    {
        Option[] all = [_target, _scenario, _corpus, _out, _slo, _warmup, _load, _seed, _k, _maxInFlight, _timeout, _mix, _zipf, _batchItems, _batchBytes, _ndjson, _poll, _freshnessTimeout, _quiet, _drain];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    public string Scenario(ParseResult parse) => parse.GetValue(_scenario) ?? "";

    /// <summary>Settings for one rate; <paramref name="outOverride"/> places a sweep's runs in its own directory.</summary>
    public bool TryRead(ParseResult parse, double rate, string? durationText, DirectoryInfo? outOverride, out RunSettings settings, out string? error)
    {
        settings = null!;
        error = null;
        var scenario = parse.GetValue(_scenario) ?? "";
        List<(string, double)> mix = [];
        List<SloCriterion> slo = [];
        TimeSpan duration = default, warmup = default, timeout = default, poll = default, freshnessTimeout = default, drain = default;
        Uri? target = null;
        error = true switch
        {
            _ when !Uri.TryCreate(parse.GetValue(_target), UriKind.Absolute, out target) || target.Scheme is not ("http" or "https") => $"--target: '{parse.GetValue(_target)}' is not an http(s) address",
            _ when !RunSettings.Scenarios.Contains(scenario) => $"--scenario: '{scenario}' is not one of {string.Join(", ", RunSettings.Scenarios)}",
            _ when !(rate > 0) || double.IsInfinity(rate) => "--rate must be a positive number",
            _ when !Parse.TryDuration(durationText, out duration) || duration <= TimeSpan.Zero => $"--duration: '{durationText}' is not a duration like 30s, 2m or 500ms",
            _ when parse.GetValue(_warmup) is { } w && !Parse.TryDuration(w, out warmup) => $"--warmup: '{w}' is not a duration",
            _ when !Parse.TryDuration(parse.GetValue(_timeout), out timeout) || timeout <= TimeSpan.Zero => "--timeout is not a positive duration",
            _ when !Parse.TryDuration(parse.GetValue(_poll), out poll) || poll <= TimeSpan.Zero => "--poll is not a positive duration",
            _ when !Parse.TryDuration(parse.GetValue(_freshnessTimeout), out freshnessTimeout) || freshnessTimeout <= TimeSpan.Zero => "--freshness-timeout is not a positive duration",
            _ when !Parse.TryDuration(parse.GetValue(_drain), out drain) || drain < TimeSpan.Zero => "--drain is not a duration (0s: measure at once)",
            _ when !Parse.TryMix(parse.GetValue(_mix)!, out mix, out var mixError) => mixError,
            _ when !Slo.TryParse(parse.GetValue(_slo) ?? [], out slo, out var sloError) => sloError,
            _ when parse.GetValue(_batchItems) is < 1 or > 10_000 => "--batch-items must be 1 to 10,000",
            _ when parse.GetValue(_batchBytes) < 1024 => "--batch-bytes must be at least 1024",
            _ when parse.GetValue(_maxInFlight) < 1 => "--max-in-flight must be positive",
            _ when parse.GetValue(_k) is < 1 or > 50 => "--k must be 1 to 50",
            _ when parse.GetValue(_zipf) < 0 => "--zipf must not be negative",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        if (parse.GetValue(_warmup) is null)
        {
            warmup = RunSettings.DefaultWarmup(duration);
        }

        settings = new RunSettings
        {
            Target = target!,
            Scenario = scenario,
            Rate = rate,
            Duration = duration,
            Warmup = warmup,
            Corpus = parse.GetValue(_corpus)!,
            Out = outOverride ?? parse.GetValue(_out) ?? RunSettings.DefaultOut(scenario, DateTimeOffset.UtcNow),
            Slo = slo,
            Load = parse.GetValue(_load),
            Seed = parse.GetValue(_seed),
            K = parse.GetValue(_k),
            MaxInFlight = parse.GetValue(_maxInFlight),
            Timeout = timeout,
            ZipfExponent = parse.GetValue(_zipf),
            Mix = mix,
            BatchItems = parse.GetValue(_batchItems),
            BatchBytes = parse.GetValue(_batchBytes),
            NdJson = parse.GetValue(_ndjson),
            PollInterval = poll,
            FreshnessTimeout = freshnessTimeout,
            Progress = !parse.GetValue(_quiet),
            Drain = drain,
        };
        return true;
    }

    /// <summary>The report directory a sweep writes into (its runs go below it).</summary>
    public DirectoryInfo SweepOut(ParseResult parse, string scenario) =>
        parse.GetValue(_out) ?? new DirectoryInfo(RunSettings.DefaultOut("sweep-" + scenario, DateTimeOffset.UtcNow).FullName);

    public static string RateName(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
