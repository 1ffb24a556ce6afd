using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Cli.Training;
using Matching.Contracts;
using Matching.Load.Lucene;
using Matching.Ranking;

namespace Matching.Load.Quality;

/// <summary>
/// A judged collection in the training-file format of API.md: a folder with <c>offers.jsonl</c>,
/// <c>needs.jsonl</c> and <c>judgments.jsonl</c>, read and validated by <see cref="TrainingFiles.Read"/> (the
/// train command's reader). The queries are the judged needs, those with at least one judgment, in file order.
/// Control characters that <see cref="ItemRules"/> refuses in a text (CACM has two U+0019) are replaced by a space
/// first, in a cleaned copy of the files under the temp folder, and each replacement is reported; disposing the
/// collection deletes that copy.
/// </summary>
public sealed class JudgedCollection : IDisposable
{
    private static readonly string[] Names = ["offers.jsonl", "needs.jsonl", "judgments.jsonl"];

    // The files as read: the folder itself, or the cleaned copy.
    private readonly string _source;

    private JudgedCollection(string folder, string source, TrainingFiles files)
    {
        Folder = folder;
        _source = source;
        Files = files;
        var judged = files.Judgments.Select(j => j.NeedId).ToHashSet(StringComparer.Ordinal);
        JudgedNeeds = [.. files.Needs.Where(n => judged.Contains(n.Id))];
    }

    /// <summary>The folder the three files were read from.</summary>
    public string Folder { get; }

    /// <summary>Every offer, need and judgment, normalized as the API normalizes them.</summary>
    public TrainingFiles Files { get; }

    /// <summary>The needs that have at least one judgment, in file order.</summary>
    public IReadOnlyList<TrainingItem> JudgedNeeds { get; }

    private string OffersFile => Path.Combine(_source, "offers.jsonl");

    private string NeedsFile => Path.Combine(_source, "needs.jsonl");

    private string JudgmentsFile => Path.Combine(_source, "judgments.jsonl");

    /// <summary>
    /// Reads <paramref name="folder"/>; a missing file or a line that breaks the rules throws
    /// <see cref="TrainingDataException"/>. Replaced control characters are reported on <paramref name="log"/>.
    /// </summary>
    public static JudgedCollection Read(string folder, TextWriter log)
    {
        var source = Clean(folder, log);
        var files = TrainingFiles.Read(Path.Combine(source, "offers.jsonl"), Path.Combine(source, "needs.jsonl"), Path.Combine(source, "judgments.jsonl"));
        return new JudgedCollection(folder, source, files);
    }

    /// <summary>
    /// The judged needs in two halves by need, deterministic in <paramref name="seed"/>: ordered by id, shuffled by
    /// <c>new Random(seed)</c>; the first half (the smaller one when the count is odd) is the train half, the rest the test half.
    /// </summary>
    public (List<TrainingItem> Train, List<TrainingItem> Test) Split(int seed)
    {
        var needs = JudgedNeeds.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(needs);
        var train = needs.Length / 2;
        return ([.. needs.Take(train)], [.. needs.Skip(train)]);
    }

    /// <summary>The comparison corpus that queries <paramref name="queries"/> (judged needs of this collection) against every offer.</summary>
    public ComparisonCorpus Corpus(IReadOnlyList<TrainingItem> queries) => ComparisonCorpus.Judged(Files.Offers, queries, Files.Judgments);

    /// <summary>
    /// Writes a training-file folder with every offer, the given needs and their judgments, the lines copied as
    /// they are in this collection's files (so nothing the normalized items drop, such as the owner, is lost).
    /// </summary>
    public void Write(string folder, IEnumerable<TrainingItem> needs)
    {
        var ids = needs.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Directory.CreateDirectory(folder);
        File.Copy(OffersFile, Path.Combine(folder, "offers.jsonl"), overwrite: true);
        File.WriteAllLines(Path.Combine(folder, "needs.jsonl"), File.ReadLines(NeedsFile).Where(l => Keeps(l, "id", ids)));
        File.WriteAllLines(Path.Combine(folder, "judgments.jsonl"), File.ReadLines(JudgmentsFile).Where(l => Keeps(l, "needId", ids)));
    }

    /// <summary>Deletes the cleaned copy, if the files needed one.</summary>
    public void Dispose()
    {
        if (_source != Folder && Directory.Exists(_source))
        {
            Directory.Delete(_source, recursive: true);
        }
    }

    /// <summary>
    /// The folder itself when no line has a control character the rules refuse; otherwise a copy of the three
    /// files under the temp folder with each such character in a JSON string replaced by a space.
    /// </summary>
    private static string Clean(string folder, TextWriter log)
    {
        var cleaned = new Dictionary<string, string[]?>();
        foreach (var name in Names)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                return folder; // TrainingFiles.Read says which file is missing
            }

            var lines = File.ReadAllLines(path);
            var changed = new List<int>();
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Contains("\\u00", StringComparison.Ordinal) && !lines[i].Any(Refused))
                {
                    continue; // JSON writes a control character as \u00XX, or (invalid JSON) raw
                }

                if (JsonNode.Parse(lines[i]) is JsonObject item && Replace(item))
                {
                    lines[i] = item.ToJsonString();
                    changed.Add(i + 1);
                }
            }

            if (changed.Count > 0)
            {
                log.WriteLine($"{path}: lines {string.Join(", ", changed)}: control characters replaced by a space (ItemRules refuses them)");
            }

            cleaned[name] = changed.Count > 0 ? lines : null;
        }

        if (cleaned.Values.All(l => l is null))
        {
            return folder;
        }

        var copy = Path.Combine(Path.GetTempPath(), $"matching-quality-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var name in Names)
        {
            if (cleaned[name] is { } lines)
            {
                File.WriteAllLines(Path.Combine(copy, name), lines);
            }
            else
            {
                File.Copy(Path.Combine(folder, name), Path.Combine(copy, name));
            }
        }

        log.WriteLine($"reading the cleaned copy in {copy}");
        return copy;
    }

    private static bool Refused(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    private static bool Replace(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Any(Refused))
                    {
                        o[key] = new string([.. text.Select(c => Refused(c) ? ' ' : c)]);
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= Replace(value);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var text) && text.Any(Refused))
                    {
                        a[i] = new string([.. text.Select(c => Refused(c) ? ' ' : c)]);
                        changed = true;
                    }
                    else if (a[i] is { } child)
                    {
                        changed |= Replace(child);
                    }
                }

                break;
        }

        return changed;
    }

    private static bool Keeps(string line, string property, HashSet<string> ids)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return false;
        }

        // TrainingFiles reads property names case-insensitively (web defaults); so does this.
        using var json = JsonDocument.Parse(line);
        foreach (var p in json.RootElement.EnumerateObject())
        {
            if (string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
            {
                return ids.Contains(p.Value.GetString()!);
            }
        }

        return false;
    }
}
