using System.Text.Json;
using Matching.Contracts;
using Matching.Ranking;

namespace Matching.Cli.Training;

/// <summary>
/// The training files of API.md: <c>offers.jsonl</c>, <c>needs.jsonl</c> and <c>judgments.jsonl</c>, JSON Lines.
/// Items are validated and normalized by the same rules as the API, so a model learns from what it will serve.
/// </summary>
public sealed record TrainingFiles(List<TrainingItem> Offers, List<TrainingItem> Needs, List<Judgment> Judgments)
{
    private static readonly JsonSerializerOptions Json = Options();

    /// <summary>Reads and checks the three files; a bad line is an error naming the file and line.</summary>
    public static TrainingFiles Read(string offers, string needs, string judgments)
    {
        var offerItems = ReadLines<IdentifiedOffer>(offers).Select(x => Offer(x.Line, x.File, x.Value)).ToList();
        var needItems = ReadLines<IdentifiedNeed>(needs).Select(x => Need(x.Line, x.File, x.Value)).ToList();
        Unique(offerItems, offers);
        Unique(needItems, needs);
        var judged = new List<Judgment>();
        foreach (var (line, file, j) in ReadLines<JudgmentLine>(judgments))
        {
            if (!ItemRules.IsValidId(j.NeedId) || !ItemRules.IsValidId(j.OfferId) || j.Grade is not (>= 0 and <= 4))
            {
                throw new TrainingDataException($"{file}:{line}: needs needId, offerId (valid ids) and grade 0..4");
            }

            judged.Add(new Judgment(j.NeedId!, j.OfferId!, j.Grade.Value));
        }

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

    private static TrainingItem Offer(int line, string file, IdentifiedOffer offer)
    {
        var (normalized, errors) = ItemRules.Validate(offer.ToData());
        Check(line, file, offer.Id, errors);
        return TrainingItem.Of(offer.Id!, normalized);
    }

    private static TrainingItem Need(int line, string file, IdentifiedNeed need)
    {
        var (normalized, errors) = ItemRules.Validate(need.ToData());
        Check(line, file, need.Id, errors);
        return TrainingItem.Of(need.Id!, normalized);
    }

    private static void Check(int line, string file, string? id, Dictionary<string, string[]> errors)
    {
        if (!ItemRules.IsValidId(id))
        {
            errors["id"] = ["1 to 128 of A-Z a-z 0-9 . _ : -"];
        }

        if (errors.Count > 0)
        {
            throw new TrainingDataException($"{file}:{line}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }

    private static void Unique(List<TrainingItem> items, string file)
    {
        var twice = items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new TrainingDataException($"{file}: id '{twice.Key}' appears more than once");
        }
    }

    private static IEnumerable<(int Line, string File, T Value)> ReadLines<T>(string path)
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

            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(text, Json);
            }
            catch (JsonException e)
            {
                throw new TrainingDataException($"{path}:{line}: {e.Message}");
            }

            yield return (line, path, value ?? throw new TrainingDataException($"{path}:{line}: null"));
        }
    }

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new TransferModesJsonConverter());
        return options;
    }

    private sealed record IdentifiedOffer(string? Id, string? Title, string? Description, string[]? Keywords, string? Field, string? Country, int? Trl, TransferModes TransferModes, string? Owner)
    {
        public OfferData ToData() => new()
        {
            Title = Title ?? "", Description = Description, Keywords = Keywords ?? [], Field = Field, Country = Country, Trl = Trl,
            TransferModes = TransferModes, Owner = Owner,
        };
    }

    private sealed record IdentifiedNeed(string? Id, string? Title, string? Description, string[]? Keywords, string? Industry, string? Country, int? MinTrl, TransferModes TransferModes, bool? AcceptForeign)
    {
        public NeedData ToData() => new()
        {
            Title = Title ?? "", Description = Description, Keywords = Keywords ?? [], Industry = Industry, Country = Country, MinTrl = MinTrl,
            TransferModes = TransferModes, AcceptForeign = AcceptForeign ?? true,
        };
    }

    private sealed record JudgmentLine(string? NeedId, string? OfferId, int? Grade);
}
