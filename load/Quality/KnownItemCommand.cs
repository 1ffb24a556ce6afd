using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Matching.Grains;
using Matching.Load.Measurement;
using Matching.Ranking;

namespace Matching.Load.Quality;

/// <summary>
/// <c>known-item</c>: first-phase retrieval quality on KPPatent-ZH (../shared/datasets/kppatent-zh): each
/// Chinese patent abstract is an offer; its authors' keywords, as a short vague need, should find it among all
/// the others. One relevant item per query, so NDCG@3 and MRR@10 say where it ranks.
/// </summary>
public static class KnownItemCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "data_A.json of KPPatent-ZH", Required = true };
        var command = new Command("known-item", "First-phase quality on KPPatent-ZH: patent keywords as a need, its abstract as the one relevant offer.") { data };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(data)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"{file.FullName} does not exist");
                return 2;
            }

            var rows = JsonSerializer.Deserialize<List<Row>>(File.ReadAllText(file.FullName), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
            // 59 abstracts occur twice: keep the first, so that every query has exactly one relevant offer.
            var items = rows
                .Select(r => (Abstract: r.Input.Replace("摘要：", "", StringComparison.Ordinal).Trim(), Keywords: r.Output.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries)))
                .DistinctBy(x => x.Abstract)
                .ToList();
            Console.WriteLine($"KPPatent-ZH: {rows.Count} rows, {items.Count} distinct abstracts");
            var bundled = new ModelHost().Featurizer;
            var inDomain = TextModel.Train(items.Select(x => new ItemText(null, x.Abstract, [])), "kppatent-idf");
            Evaluate("bundled default model (IDF from demo/)", bundled, items);
            Evaluate("IDF learned from these abstracts", inDomain, items);
            return 0;
        });
        return command;
    }

    private static void Evaluate(string name, TextModel model, List<(string Abstract, string[] Keywords)> items)
    {
        var index = new InvertedIndex<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var v = model.Featurize(new ItemText(null, items[i].Abstract, []));
            index.Upsert(i.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Slots, v.Weights, i);
        }

        var latency = new LatencyRecorder();
        double mrr = 0, ndcg3 = 0, p1 = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var q = model.Featurize(new ItemText(string.Join(" ", items[i].Keywords), null, []));
            var start = Stopwatch.GetTimestamp();
            var hits = index.Query(q.Slots, q.Weights, _ => true, 10);
            latency.Record(Stopwatch.GetElapsedTime(start));
            var rank = hits.FindIndex(h => h.Payload == i);
            if (rank >= 0)
            {
                mrr += 1.0 / (rank + 1);
                ndcg3 += rank < 3 ? 1 / Math.Log2(rank + 2) : 0;
                p1 += rank == 0 ? 1 : 0;
            }
        }

        var l = latency.Summarize();
        Console.WriteLine($"{name}: queries {items.Count}, NDCG@3 {ndcg3 / items.Count:F3}, MRR@10 {mrr / items.Count:F3}, P@1 {p1 / items.Count:F3}; query p50 {l.P50Us} us, p99 {l.P99Us} us (one index, one thread)");
    }

    private sealed record Row(string Input, string Output);
}
