using System.Text.Json;

namespace Matching.Load.Run;

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
