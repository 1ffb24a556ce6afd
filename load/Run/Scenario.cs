using System.Net.Http.Headers;

namespace Matching.Load.Run;

/// <summary>
/// What a run sends. <see cref="Next"/> is called on the scheduler's thread only, in order, so every seeded
/// choice (which id, which item) is the same run after run; building a body and sending happen in the
/// request's own task, off the scheduler's thread.
/// </summary>
public abstract class Scenario
{
    public abstract string Name { get; }

    /// <summary>Work before the clock starts (finding pairs to probe, for example); not measured.</summary>
    public virtual Task PrepareAsync(HttpClient http, TextWriter log, CancellationToken cancel) => Task.CompletedTask;

    public abstract Request Next(long index);

    /// <summary>What the scenario counted besides requests (items accepted by imports, for example).</summary>
    public virtual IReadOnlyDictionary<string, long> Counters => new Dictionary<string, long>();

    /// <summary>The scenario a name stands for; the corpus must hold what it sends.</summary>
    public static Scenario Create(RunSettings settings, Corpus corpus) => Create(settings.Scenario, settings, corpus, settings.Seed);

    private static Scenario Create(string name, RunSettings settings, Corpus corpus, int seed) => name switch
    {
        "import" => new ImportScenario(corpus.Batches(settings.BatchItems, settings.BatchBytes, settings.NdJson)),
        "read" => new ReadScenario(corpus, settings.K, settings.ZipfExponent, seed),
        "write" => new WriteScenario(corpus, seed),
        "adhoc" => new AdhocScenario(corpus, settings.K, seed),
        "freshness" => new FreshnessScenario(corpus, settings.PollInterval, settings.FreshnessTimeout, seed),
        "mixed" => new MixedScenario(settings.Mix.Select((m, i) => (Create(m.Scenario, settings, corpus, seed + 1 + i), m.Weight)).ToList(), seed),
        _ => throw new ArgumentException($"unknown scenario '{name}' ({string.Join(", ", RunSettings.Scenarios)})"),
    };

    /// <summary>Sends and reads the whole body: the latency ends when the last byte has arrived.</summary>
    internal static async Task<(Outcome Outcome, byte[] Body)> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancel)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancel);
            var status = (int)response.StatusCode;
            return (response.IsSuccessStatusCode ? Outcome.Ok(status) : Outcome.Failed(status, status.ToString(System.Globalization.CultureInfo.InvariantCulture)), body);
        }
    }

    internal static async Task<Outcome> GetAsync(HttpClient http, string path, CancellationToken cancel) =>
        (await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), cancel)).Outcome;

    internal static HttpRequestMessage Json(HttpMethod method, string path, byte[] body, string contentType = "application/json") => new(method, path)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
    };

    internal static string Path(string side, string id) => $"/v1/{side}/{Uri.EscapeDataString(id)}";
}
