using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matching.Load.Run;

/// <summary>How a request came out: when it ended, its status code if it got one, and an error (null: success).</summary>
public readonly record struct Outcome(long EndTimestamp, int? Status, string? Error)
{
    public static Outcome Ok(int status) => new(Stopwatch.GetTimestamp(), status, null);

    public static Outcome Failed(int? status, string error) => new(Stopwatch.GetTimestamp(), status, error);
}

/// <summary>One request: its kind (a line of the report) and how to send it.</summary>
public sealed record Request(string Kind, Func<HttpClient, CancellationToken, Task<Outcome>> Send);

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

/// <summary><c>import</c>: the corpus's batches in order (needs, then offers), again from the first when the run outlasts them.</summary>
public sealed class ImportScenario(List<Batch> batches) : Scenario
{
    private long _accepted;
    private long _rejected;

    public override string Name => "import";

    public int Batches => batches.Count;

    public override IReadOnlyDictionary<string, long> Counters => new Dictionary<string, long>
    {
        ["batches in the corpus"] = batches.Count,
        ["items accepted"] = Interlocked.Read(ref _accepted),
        ["items rejected"] = Interlocked.Read(ref _rejected),
    };

    public override Request Next(long index)
    {
        if (batches.Count == 0)
        {
            throw new CorpusException("the corpus is empty: nothing to import");
        }

        var batch = batches[(int)(index % batches.Count)];
        return new Request(batch.Side + "-batch", async (http, cancel) =>
        {
            var (outcome, body) = await SendAsync(http, Json(HttpMethod.Post, $"/v1/{batch.Side}/batch", batch.Body, batch.ContentType), cancel);
            if (outcome.Error is not null)
            {
                return outcome;
            }

            // 200 with rejected items: the corpus did not get in, which a load test must not pass over.
            using var json = JsonDocument.Parse(body);
            var accepted = json.RootElement.GetProperty("accepted").GetInt64();
            var rejected = json.RootElement.GetProperty("rejected").GetArrayLength();
            Interlocked.Add(ref _accepted, accepted);
            Interlocked.Add(ref _rejected, rejected);
            return rejected == 0 ? outcome : outcome with { Error = "items rejected" };
        });
    }
}

/// <summary>
/// <c>read</c>: kept shortlists, needs' and offers' in turn. Ids are drawn Zipf-distributed (seeded), as a
/// portal's traffic is: a few items are asked for very often, most rarely.
/// </summary>
public sealed class ReadScenario : Scenario
{
    private readonly Corpus _corpus;
    private readonly int _k;
    private readonly Random _random;
    private readonly ZipfSampler? _needs;
    private readonly ZipfSampler? _offers;

    public ReadScenario(Corpus corpus, int k, double exponent, int seed)
    {
        if (corpus.Needs.Count + corpus.Offers.Count == 0)
        {
            throw new CorpusException("the corpus is empty: nothing to read");
        }

        _corpus = corpus;
        _k = k;
        _random = new Random(seed);
        _needs = corpus.Needs.Count > 0 ? new ZipfSampler(corpus.Needs.Count, exponent, seed) : null;
        _offers = corpus.Offers.Count > 0 ? new ZipfSampler(corpus.Offers.Count, exponent, seed + 1) : null;
    }

    public override string Name => "read";

    public override Request Next(long index)
    {
        var needs = _offers is null || (_needs is not null && index % 2 == 0);
        var side = needs ? _corpus.Needs : _corpus.Offers;
        var id = side.Ids[(needs ? _needs! : _offers!).Next(_random)];
        var path = $"{Path(side.Name, id)}/shortlist?k={_k}";
        return new Request(needs ? "need-shortlist" : "offer-shortlist", (http, cancel) => GetAsync(http, path, cancel));
    }
}

/// <summary>
/// <c>write</c>: <c>PUT</c> of corpus items, offers and needs in turn, picked uniformly (seeded). The engine
/// acknowledges unchanged data without doing anything, so each write appends one made-up word, unique to the
/// write, to the item's description: every write is a real change (store, featurize, index, own list,
/// propagation) and shares no term with any other item.
/// </summary>
public sealed class WriteScenario : Scenario
{
    private const int MaxDescription = 20_000;

    private readonly Corpus _corpus;
    private readonly Random _random;
    private readonly string _runTag = Letters(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public WriteScenario(Corpus corpus, int seed)
    {
        if (corpus.Needs.Count + corpus.Offers.Count == 0)
        {
            throw new CorpusException("the corpus is empty: nothing to write");
        }

        _corpus = corpus;
        _random = new Random(seed);
    }

    public override string Name => "write";

    public override Request Next(long index)
    {
        var offers = _corpus.Needs.Count == 0 || (_corpus.Offers.Count > 0 && index % 2 == 0);
        var side = offers ? _corpus.Offers : _corpus.Needs;
        var item = _random.Next(side.Count);
        var word = "rev" + _runTag + "x" + Letters(index);
        return new Request(offers ? "put-offer" : "put-need", async (http, cancel) =>
        {
            var fields = side.Fields(item);
            var description = (string?)fields["description"] ?? "";
            if (description.Length + word.Length + 1 > MaxDescription)
            {
                description = description[..(MaxDescription - word.Length - 1)];
            }

            fields["description"] = description.Length == 0 ? word : description + " " + word;
            var body = JsonSerializer.SerializeToUtf8Bytes(fields);
            return (await SendAsync(http, Json(HttpMethod.Put, Path(side.Name, side.Ids[item]), body), cancel)).Outcome;
        });
    }

    /// <summary>A number as lower-case letters: a word no tokenizer splits and no corpus text holds.</summary>
    internal static string Letters(long n)
    {
        var text = new System.Text.StringBuilder();
        do
        {
            text.Insert(0, (char)('a' + (int)(n % 26)));
            n /= 26;
        }
        while (n > 0);
        return text.ToString();
    }
}

/// <summary><c>adhoc</c>: <c>POST /v1/shortlist</c> with corpus needs (without their id) as bodies, picked uniformly (seeded).</summary>
public sealed class AdhocScenario : Scenario
{
    private readonly Corpus _corpus;
    private readonly int _k;
    private readonly Random _random;

    public AdhocScenario(Corpus corpus, int k, int seed)
    {
        if (corpus.Needs.Count == 0)
        {
            throw new CorpusException("the corpus has no needs: nothing to ask for");
        }

        _corpus = corpus;
        _k = k;
        _random = new Random(seed);
    }

    public override string Name => "adhoc";

    public override Request Next(long index)
    {
        var need = _random.Next(_corpus.Needs.Count);
        return new Request("adhoc", async (http, cancel) =>
            (await SendAsync(http, Json(HttpMethod.Post, $"/v1/shortlist?k={_k}", _corpus.Needs.Body(need)), cancel)).Outcome);
    }
}

/// <summary><c>mixed</c>: each request is one of the mixed scenarios', drawn by weight (seeded).</summary>
public sealed class MixedScenario : Scenario
{
    private readonly List<(Scenario Scenario, double Weight)> _mix;
    private readonly long[] _next;
    private readonly double _total;
    private readonly Random _random;

    public MixedScenario(List<(Scenario Scenario, double Weight)> mix, int seed)
    {
        _mix = mix;
        _next = new long[mix.Count];
        _total = mix.Sum(m => m.Weight);
        _random = new Random(seed);
    }

    public override string Name => "mixed";

    public override async Task PrepareAsync(HttpClient http, TextWriter log, CancellationToken cancel)
    {
        foreach (var (scenario, _) in _mix)
        {
            await scenario.PrepareAsync(http, log, cancel);
        }
    }

    public override IReadOnlyDictionary<string, long> Counters =>
        _mix.SelectMany(m => m.Scenario.Counters.Select(c => KeyValuePair.Create(m.Scenario.Name + ": " + c.Key, c.Value))).ToDictionary();

    public override Request Next(long index)
    {
        var pick = _random.NextDouble() * _total;
        var i = 0;
        while (i < _mix.Count - 1 && pick >= _mix[i].Weight)
        {
            pick -= _mix[i].Weight;
            i++;
        }

        return _mix[i].Scenario.Next(_next[i]++);
    }
}
