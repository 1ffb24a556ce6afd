using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Matching.Load.Run;

/// <summary>
/// <c>freshness</c>: how long a write takes to reach another item's kept shortlist, end to end. Each probe
/// writes a copy of a corpus offer, under a new id, whose judged need (grade 4) holds the original in its kept
/// shortlist; the copy scores the same, so it must enter that list too. It then asks for the need's kept list
/// every poll interval until the copy is in it. The latency runs from the write's intended start to the
/// first answer that shows the copy: the write, the background propagation and at most one poll interval.
/// A copy not seen within the timeout is a "timeout" error. The copy is deleted afterwards (not timed),
/// so probes do not pile up in the target. A pair is not probed again while an earlier probe of it is in flight:
/// copies of one offer tie with each other in their need's list, so overlapping probes of one pair would push each
/// other out of the top 20 and measure the scenario, not the target.
/// </summary>
public sealed class FreshnessScenario : Scenario
{
    /// <summary>The kept list serves 20; the original must rank high enough that its copy, tied with it, is inside.</summary>
    private const int ListSize = 20;
    private const int MaxRank = 10;
    private const int WantedPairs = 1000; // a probe lives up to the timeout: 1,000 pairs keep 100 probes/s apart for 10 s
    private const int MaxChecks = 5000;

    private readonly Corpus _corpus;
    private readonly TimeSpan _poll;
    private readonly TimeSpan _timeout;
    private readonly int _seed;
    private readonly string _runTag = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    private List<(string NeedId, int Offer)> _pairs = [];
    private int[] _busy = []; // 1 while a probe of the pair is in flight
    private long _polls;
    private long _overlaps;
    private long _cleanupFailures;

    public FreshnessScenario(Corpus corpus, TimeSpan poll, TimeSpan timeout, int seed)
    {
        _corpus = corpus;
        _poll = poll;
        _timeout = timeout;
        _seed = seed;
    }

    public override string Name => "freshness";

    public override IReadOnlyDictionary<string, long> Counters => new Dictionary<string, long>
    {
        ["probe pairs"] = _pairs.Count,
        ["polls"] = Interlocked.Read(ref _polls),
        ["probes of a pair already in flight"] = Interlocked.Read(ref _overlaps),
        ["copies not deleted"] = Interlocked.Read(ref _cleanupFailures),
    };

    /// <summary>Finds judged pairs whose offer is in its need's kept list now (asks the target; not timed).</summary>
    public override async Task PrepareAsync(HttpClient http, TextWriter log, CancellationToken cancel)
    {
        var candidates = _corpus.Judgments
            .Where(j => j.Grade == 4 && _corpus.Needs.IndexOf(j.NeedId) is not null && _corpus.Offers.IndexOf(j.OfferId) is not null)
            .ToArray();
        new Random(_seed).Shuffle(candidates);
        List<(string, int)> pairs = [];
        foreach (var pair in candidates.Take(MaxChecks))
        {
            var (outcome, body) = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"{Path("needs", pair.NeedId)}/shortlist?k={ListSize}"), cancel);
            if (outcome.Error is null && Rank(body, pair.OfferId) is int rank && rank < MaxRank)
            {
                pairs.Add((pair.NeedId, _corpus.Offers.IndexOf(pair.OfferId)!.Value));
                if (pairs.Count == WantedPairs)
                {
                    break;
                }
            }
        }

        if (pairs.Count == 0)
        {
            throw new CorpusException(candidates.Length == 0
                ? "freshness needs judgments.jsonl with grade-4 pairs of the corpus's needs and offers"
                : "no judged offer is in its need's kept shortlist: load the corpus into the target first (run import, or add --load)");
        }

        _pairs = pairs;
        _busy = new int[pairs.Count];
        await log.WriteLineAsync($"freshness: {pairs.Count} judged pairs with the offer in its need's top {MaxRank}");
    }

    public override Request Next(long index)
    {
        var pair = Claim((int)(index % _pairs.Count));
        var (needId, offer) = _pairs[pair];
        var copyId = $"fresh-{_runTag}-{index}";
        return new Request("freshness", async (http, cancel) =>
        {
            try
            {
                return await ProbeAsync(http, needId, offer, copyId, cancel);
            }
            finally
            {
                Volatile.Write(ref _busy[pair], 0);
            }
        });
    }

    /// <summary>The first pair from <paramref name="first"/> on with no probe in flight, marked busy; <paramref name="first"/> when every pair is busy.</summary>
    private int Claim(int first)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            var pair = (first + i) % _pairs.Count;
            if (Interlocked.CompareExchange(ref _busy[pair], 1, 0) == 0)
            {
                return pair;
            }
        }

        Interlocked.Increment(ref _overlaps);
        return first;
    }

    private async Task<Outcome> ProbeAsync(HttpClient http, string needId, int offer, string copyId, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        var put = await SendAsync(http, Json(HttpMethod.Put, Path("offers", copyId), _corpus.Offers.Body(offer)), cancel);
        if (put.Outcome.Error is not null)
        {
            return put.Outcome;
        }

        try
        {
            return await PollAsync(http, needId, copyId, start, cancel);
        }
        finally
        {
            await DeleteAsync(http, copyId);
        }
    }

    private async Task<Outcome> PollAsync(HttpClient http, string needId, string copyId, long start, CancellationToken cancel)
    {
        while (true)
        {
            var polled = Stopwatch.GetTimestamp();
            var (outcome, body) = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"{Path("needs", needId)}/shortlist?k={ListSize}"), cancel);
            Interlocked.Increment(ref _polls);
            if (outcome.Error is not null || Rank(body, copyId) is not null)
            {
                return outcome;
            }

            if (Stopwatch.GetElapsedTime(start) >= _timeout)
            {
                return Outcome.Failed(null, "timeout");
            }

            // The next poll is due one interval after this one began, not after it ended: the interval bounds the error.
            var wait = _poll - Stopwatch.GetElapsedTime(polled);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancel); // Task.Delay truncates to whole ms
            }
        }
    }

    private async Task DeleteAsync(HttpClient http, string copyId)
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await http.DeleteAsync(Path("offers", copyId), cancel.Token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _cleanupFailures);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _cleanupFailures);
        }
    }

    /// <summary>Where an offer is in a need's shortlist response (0 = first), or null.</summary>
    private static int? Rank(byte[] body, string offerId)
    {
        using var json = JsonDocument.Parse(body);
        var rank = 0;
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("offerId").ValueEquals(offerId))
            {
                return rank;
            }

            rank++;
        }

        return null;
    }
}
