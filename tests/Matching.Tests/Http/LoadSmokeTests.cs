using System.CommandLine;
using Matching.Load.Generation;
using Matching.Load.Run;

namespace Matching.Tests.Http;

/// <summary>
/// The load runner end to end, as CI runs it: a tiny generated corpus, the real Api on a real Kestrel port
/// (the runner speaks HTTP over sockets, as against a deployed API), then <c>run</c> for import, read, write
/// and freshness at low rates for a second or two each. Checks the reports, that nothing failed, and that a
/// missed SLO gives exit code 3. Seconds long; not a measurement.
/// </summary>
public sealed class LoadSmokeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "matching-tests", "load-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_read_write_and_freshness_run_without_errors_and_a_missed_slo_exits_3()
    {
        var corpus = Path.Combine(_dir, "corpus");
        Assert.Equal(0, await Invoke(GenerateCommand.Create(), "generate", "--offers", "150", "--needs", "100", "--seed", "7", "--out", corpus));

        await using var api = new KestrelApiFactory();
        var target = api.Address;
        Assert.StartsWith("http://", target, StringComparison.Ordinal);

        // Two batches (the needs, then the offers) in one second, no warm-up: both are measured.
        var import = await Run(target, corpus, "import", "2", "1s", "0");
        Assert.Equal(2, import.Results.Measured);
        Assert.Equal(250, import.Results.Counters["items accepted"]);

        // read and freshness wait for the import's propagation to drain before they start.
        var read = await Run(target, corpus, "read", "20", "2s", "0.2s", "--slo", "p99=30s");
        Assert.True(read.Verdict.Held);
        Assert.Equal(2, read.Results.LatencyMsByKind.Count); // needs' and offers' shortlists
        var write = await Run(target, corpus, "write", "10", "2s", "0.2s");
        Assert.Null(write.Verdict.Held);
        var freshness = await Run(target, corpus, "freshness", "5", "1s", "0.2s");
        Assert.True(freshness.Results.Counters["probe pairs"] > 0);
        Assert.Equal(0, freshness.Results.Counters["copies not deleted"]);
        Assert.True(freshness.Results.Counters.ContainsKey("probes of a pair already in flight")); // how many depends on the pairs this tiny corpus has

        foreach (var report in new[] { import, read, write, freshness })
        {
            Assert.True(report.Results.Measured > 0);
            Assert.Equal(0, report.Results.Failed);
            Assert.Equal(report.Results.Measured, report.Results.Succeeded);
            Assert.Empty(report.Results.Errors);
            Assert.True(report.Results.LatencyMs.P99Ms > 0);
            Assert.NotNull(report.Environment.Dotnet);
        }

        // Nothing answers in a microsecond: the SLO is missed, said so in both reports, and the exit code is 3.
        var missed = Path.Combine(_dir, "missed");
        Assert.Equal(LoadRun.Missed, await Invoke(RunCommand.Create(), "run", "--target", target, "--corpus", corpus, "--scenario", "read",
            "--rate", "10", "--duration", "1s", "--warmup", "0", "--slo", "p99=1us", "--out", missed, "--quiet"));
        var verdict = RunReport.ReadJson(Path.Combine(missed, "report.json")).Verdict;
        Assert.False(verdict.Held);
        Assert.Contains(verdict.Criteria, c => c.Criterion == "p99 <= 1 µs" && !c.Held);
        Assert.Contains("SLO MISSED", await File.ReadAllTextAsync(Path.Combine(missed, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p99=20ms", "p99 <= 20 ms; errors <= 0.1%")]
    [InlineData("p50=500us,max=1.5s", "p50 <= 500 µs; max <= 1.5 s; errors <= 0.1%")]
    [InlineData("p99.9=2s,errors=0", "p99.9 <= 2 s; errors <= 0%")]
    [InlineData("errors=1%,p90=3ms", "errors <= 1%; p90 <= 3 ms")]
    public void Slo_values_read_percentiles_units_and_the_error_budget(string text, string expected)
    {
        Assert.True(Slo.TryParse([text], out var criteria, out var error), error);
        Assert.Equal(expected, string.Join("; ", criteria));
    }

    [Theory]
    [InlineData("p99=20")] // no unit
    [InlineData("p42=1ms")]
    [InlineData("p99")]
    public void Slo_values_without_a_unit_or_a_known_percentile_are_refused(string text) =>
        Assert.False(Slo.TryParse([text], out _, out _));

    /// <summary>Runs one scenario through the command line, as ops would, and reads its report.json.</summary>
    private async Task<RunReport> Run(string target, string corpus, string scenario, string rate, string duration, string warmup, params string[] more)
    {
        var dir = Path.Combine(_dir, scenario);
        string[] args = ["run", "--target", target, "--corpus", corpus, "--scenario", scenario, "--rate", rate, "--duration", duration,
            "--warmup", warmup, "--out", dir, "--quiet", .. more];
        Assert.Equal(0, await Invoke(RunCommand.Create(), args));
        Assert.True(File.Exists(Path.Combine(dir, "report.json")));
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Equal(3, html.Split("data:image/png;base64,iVBORw0KGgo").Length - 1); // three embedded PNG charts
        return RunReport.ReadJson(Path.Combine(dir, "report.json"));
    }

    private static Task<int> Invoke(Command command, params string[] args) => new RootCommand { command }.Parse(args).InvokeAsync();
}
