using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Matching.Cli.Training;
using Matching.Contracts;

namespace Matching.Load.Quality;

/// <summary>
/// <c>kppatent</c>: converts KPPatent-ZH's <c>data_A.json</c> (../shared/datasets/kppatent-zh) to the training-file
/// format, a known-item collection: each distinct abstract an offer <c>kp-n</c>, its authors' keywords a need
/// <c>kq-n</c>, and one judgment of grade 3 between them.
/// </summary>
public static class KppatentCommand
{
    private const string Prefix = "摘要：";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable in the files; the JSON is still valid and the API reads it the same.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly char[] TitleEnd = ['，', '。', '；', ',', ';', '\n'];

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "data_A.json of KPPatent-ZH", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write offers.jsonl, needs.jsonl and judgments.jsonl to", Required = true };
        var command = new Command("kppatent", "Convert KPPatent-ZH (abstracts and their keywords) to a known-item collection in the training-file format.") { data, output };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(data)!;
            var folder = parse.GetValue(output)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"{file.FullName} does not exist");
                return 2;
            }

            var rows = JsonSerializer.Deserialize<List<Row>>(File.ReadAllText(file.FullName), Json) ?? [];
            // 59 abstracts occur twice: keep the first, so that every need has exactly one relevant offer.
            var items = rows
                .Select(r => (Abstract: Strip(r.Input ?? ""), Keywords: (r.Output ?? "").Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                .Where(x => x.Abstract.Length > 0 && x.Keywords.Length > 0)
                .DistinctBy(x => x.Abstract, StringComparer.Ordinal)
                .ToList();

            folder.Create();
            int trimmedTitles = 0, trimmedNeeds = 0;
            using (var offers = new StreamWriter(Path.Combine(folder.FullName, "offers.jsonl")))
            using (var needs = new StreamWriter(Path.Combine(folder.FullName, "needs.jsonl")))
            using (var judgments = new StreamWriter(Path.Combine(folder.FullName, "judgments.jsonl")))
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                    var (text, keywords) = items[i];
                    // The API requires a title and the abstracts have none: the abstract's first clause ("一种……装置")
                    // is what a patent's title says, so it is the title (and stays in the description).
                    var title = Cut(FirstClause(text), ItemRules.MaxTitle, ref trimmedTitles);
                    var query = Cut(string.Join(' ', keywords), ItemRules.MaxTitle, ref trimmedNeeds);
                    var offer = new OfferData { Title = title, Description = text, Field = "patent", Country = "CN" };
                    var need = new NeedData { Title = query };
                    Check($"kp-{n}", ItemRules.Validate(offer).Errors);
                    Check($"kq-{n}", ItemRules.Validate(need).Errors);
                    offers.WriteLine(JsonSerializer.Serialize(new { id = $"kp-{n}", title, description = text, field = "patent", country = "CN" }, Json));
                    needs.WriteLine(JsonSerializer.Serialize(new { id = $"kq-{n}", title = query }, Json));
                    judgments.WriteLine(JsonSerializer.Serialize(new { needId = $"kq-{n}", offerId = $"kp-{n}", grade = 3 }, Json));
                }
            }

            // The same reader as train and quality: proves the files pass the API's rules.
            var files = TrainingFiles.Read(Path.Combine(folder.FullName, "offers.jsonl"), Path.Combine(folder.FullName, "needs.jsonl"), Path.Combine(folder.FullName, "judgments.jsonl"));
            Console.WriteLine($"KPPatent-ZH: {rows.Count:N0} rows, {items.Count:N0} distinct abstracts ({rows.Count - items.Count} repeated rows dropped, the first kept)");
            Console.WriteLine($"wrote {files.Offers.Count:N0} offers, {files.Needs.Count:N0} needs and {files.Judgments.Count:N0} judgments to {folder.FullName}; every item passes ItemRules (TrainingFiles.Read)");
            Console.WriteLine($"offer title = the abstract's first clause (the abstracts have no title and the API requires one); " +
                $"{trimmedTitles} titles cut to {ItemRules.MaxTitle} characters; need title = the keywords joined by a space, {trimmedNeeds} cut to {ItemRules.MaxTitle}");
            return 0;
        });
        return command;
    }

    private static string Strip(string input)
    {
        var t = input.Trim();
        return (t.StartsWith(Prefix, StringComparison.Ordinal) ? t[Prefix.Length..] : t).Trim();
    }

    private static string FirstClause(string text)
    {
        var end = text.IndexOfAny(TitleEnd);
        return (end > 0 ? text[..end] : text).Trim();
    }

    /// <summary>At most <paramref name="max"/> Unicode scalar values, counted as ItemRules counts them.</summary>
    private static string Cut(string text, int max, ref int cut)
    {
        if (ItemRules.Length(text) <= max)
        {
            return text;
        }

        cut++;
        return string.Concat(text.EnumerateRunes().Take(max).Select(r => r.ToString())).Trim();
    }

    private static void Check(string id, Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{id}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }

    private sealed record Row(string? Input, string? Output);
}
