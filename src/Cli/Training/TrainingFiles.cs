using System.Text;
using Matching.Contracts;
using Matching.Contracts.Input;
using Matching.Ranking;

namespace Matching.Cli.Training;

/// <summary>
/// The training files of API.md: <c>offers.jsonl</c>, <c>needs.jsonl</c> and <c>judgments.jsonl</c>, JSON Lines.
/// Items are validated and normalized by the same rules as the API, so a model learns from what it will serve.
/// </summary>
public sealed record TrainingFiles(List<TrainingItem> Offers, List<TrainingItem> Needs, List<Judgment> Judgments)
{
    /// <summary>
    /// Reads and checks the three files; a bad line is an error naming the file, the line and every problem. Items are
    /// read by <see cref="ItemReader"/>, as a batch import reads them: unknown fields are refused here too.
    /// </summary>
    public static TrainingFiles Read(string offers, string needs, string judgments)
    {
        var offerItems = ReadLines(offers, e => ItemReader.ReadOffer(e, ItemReader.IdRule.Required) is var (id, offer, errors) && offer is not null
            ? (TrainingItem.Of(id!, offer), errors) : (null, errors)).ToList();
        var needItems = ReadLines(needs, e => ItemReader.ReadNeed(e, ItemReader.IdRule.Required) is var (id, need, errors) && need is not null
            ? (TrainingItem.Of(id!, need), errors) : (null, errors)).ToList();
        Unique(offerItems, offers);
        Unique(needItems, needs);
        var judged = ReadLines(judgments, ReadJudgment).ToList();
        return new TrainingFiles(offerItems, needItems, judged);
    }

    /// <summary>Counts for a model's metadata and the report.</summary>
    public Dictionary<string, long> Summary() => new()
    {
        ["offers"] = Offers.Count,
        ["needs"] = Needs.Count,
        ["judgments"] = Judgments.Count,
        ["judgedNeeds"] = Judgments.Select(j => j.NeedId).Distinct(StringComparer.Ordinal).Count(),
    };

    private static (Judgment?, Dictionary<string, string[]>) ReadJudgment(JsonElement json)
    {
        var body = new StrictObject(json, ["needId", "offerId", "grade"]);
        if (!body.IsObject)
        {
            return (null, body.Errors());
        }

        var needId = body.Text("needId", required: true);
        var offerId = body.Text("offerId", required: true);
        var grade = body.Int("grade");
        foreach (var (field, id) in new[] { ("needId", needId), ("offerId", offerId) })
        {
            if (!ItemRules.IsValidId(id) && !body.HasError(field))
            {
                body.Add(field, ItemRules.IdMessage);
            }
        }

        if (grade is not (>= 0 and <= 4) && !body.HasError("grade"))
        {
            body.Add("grade", "must be an integer from 0 to 4");
        }

        return body.HasErrors ? (null, body.Errors()) : (new Judgment(needId!, offerId!, grade!.Value), []);
    }

    private static void Unique(List<TrainingItem> items, string file)
    {
        var twice = items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new TrainingDataException($"{file}: id '{twice.Key}' appears more than once");
        }
    }

    /// <summary>Each non-blank line of <paramref name="path"/> parsed strictly and read by <paramref name="read"/>.</summary>
    private static IEnumerable<T> ReadLines<T>(string path, Func<JsonElement, (T? Value, Dictionary<string, string[]> Errors)> read) where T : class
    {
        if (!File.Exists(path))
        {
            throw new TrainingDataException($"{path}: no such file");
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (document, error) = StrictJson.Parse(Encoding.UTF8.GetBytes(text));
            if (document is null)
            {
                throw new TrainingDataException($"{path}:{line}: {error}");
            }

            using (document)
            {
                var (value, errors) = read(document.RootElement);
                yield return value ?? throw new TrainingDataException(
                    $"{path}:{line}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            }
        }
    }
}
