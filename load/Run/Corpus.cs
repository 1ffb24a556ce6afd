using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matching.Load.Run;

/// <summary>
/// The files <c>load -- generate</c> writes (API.md's training files): offers.jsonl, needs.jsonl and, if
/// present, judgments.jsonl. Held in memory as the UTF-8 lines themselves (about the size of the files), so
/// that a request's body costs no generation while the clock runs.
/// </summary>
public sealed class Corpus
{
    private Corpus(Side offers, Side needs, CorpusJudgment[] judgments)
    {
        Offers = offers;
        Needs = needs;
        Judgments = judgments;
    }

    public Side Offers { get; }

    public Side Needs { get; }

    public CorpusJudgment[] Judgments { get; }

    /// <summary>Reads the directory; a missing offers.jsonl or needs.jsonl, or a line without an id, is an error.</summary>
    public static Corpus Load(DirectoryInfo directory)
    {
        if (!directory.Exists)
        {
            throw new CorpusException($"corpus directory {directory.FullName} does not exist: write one with `load -- generate --offers N --needs M --out DIR`");
        }

        var offers = Side.Read("offers", Path.Combine(directory.FullName, "offers.jsonl"));
        var needs = Side.Read("needs", Path.Combine(directory.FullName, "needs.jsonl"));
        var judgmentsPath = Path.Combine(directory.FullName, "judgments.jsonl");
        var judgments = File.Exists(judgmentsPath)
            ? File.ReadLines(judgmentsPath).Where(l => l.Length > 0).Select(ReadJudgment).ToArray()
            : [];
        return new Corpus(offers, needs, judgments);
    }

    /// <summary>
    /// The corpus as batches: needs first, then offers (so that the offers' sweep finds every need), each batch
    /// at most <paramref name="maxItems"/> items and <paramref name="maxBytes"/> bytes (a single larger item goes alone).
    /// </summary>
    public List<Batch> Batches(int maxItems, int maxBytes, bool ndjson)
    {
        List<Batch> batches = [];
        foreach (var side in new[] { Needs, Offers })
        {
            var start = 0;
            while (start < side.Count)
            {
                var bytes = 2;
                var end = start;
                while (end < side.Count && end - start < maxItems && (end == start || bytes + side.Lines[end].Length + 1 <= maxBytes))
                {
                    bytes += side.Lines[end].Length + 1;
                    end++;
                }

                batches.Add(new Batch(side.Name, Join(side.Lines.AsSpan(start, end - start), ndjson), end - start, ndjson ? "application/x-ndjson" : "application/json"));
                start = end;
            }
        }

        return batches;
    }

    /// <summary>A JSON array of the lines, or the lines one after another (NDJSON).</summary>
    private static byte[] Join(ReadOnlySpan<byte[]> lines, bool ndjson)
    {
        using var body = new MemoryStream();
        if (!ndjson)
        {
            body.WriteByte((byte)'[');
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0 && !ndjson)
            {
                body.WriteByte((byte)',');
            }

            body.Write(lines[i]);
            if (ndjson)
            {
                body.WriteByte((byte)'\n');
            }
        }

        if (!ndjson)
        {
            body.WriteByte((byte)']');
        }

        return body.ToArray();
    }

    private static CorpusJudgment ReadJudgment(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new CorpusJudgment(root.GetProperty("needId").GetString()!, root.GetProperty("offerId").GetString()!, root.GetProperty("grade").GetInt32());
    }

    /// <summary>One side's items: ids and lines (each line an object that carries its <c>id</c>).</summary>
    public sealed class Side
    {
        private readonly Dictionary<string, int> _index;

        private Side(string name, string[] ids, byte[][] lines)
        {
            Name = name;
            Ids = ids;
            Lines = lines;
            _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
            for (var i = 0; i < ids.Length; i++)
            {
                _index.TryAdd(ids[i], i);
            }
        }

        /// <summary>"offers" or "needs": the path segment of the API.</summary>
        public string Name { get; }

        public string[] Ids { get; }

        public byte[][] Lines { get; }

        public int Count => Ids.Length;

        public int? IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : null;

        /// <summary>The item as a PUT or ad-hoc body: its fields without <c>id</c> (the API refuses an id in the body).</summary>
        public JsonObject Fields(int index)
        {
            var item = JsonNode.Parse(Lines[index])!.AsObject();
            item.Remove("id");
            return item;
        }

        public byte[] Body(int index) => JsonSerializer.SerializeToUtf8Bytes(Fields(index));

        internal static Side Read(string name, string path)
        {
            if (!File.Exists(path))
            {
                throw new CorpusException($"{path} is missing: a corpus holds offers.jsonl and needs.jsonl (`load -- generate`)");
            }

            List<string> ids = [];
            List<byte[]> lines = [];
            var number = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                var bytes = Encoding.UTF8.GetBytes(line);
                var reader = new Utf8JsonReader(bytes);
                string? id = null;
                try
                {
                    // The id is read without building the object: the generator writes it first, so this stops early.
                    reader.Read();
                    while (id is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("id"u8))
                        {
                            reader.Read();
                            id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                            break;
                        }

                        reader.Read();
                        reader.Skip();
                    }
                }
                catch (JsonException e)
                {
                    throw new CorpusException($"{path}:{number}: not JSON ({e.Message})");
                }

                if (string.IsNullOrEmpty(id))
                {
                    throw new CorpusException($"{path}:{number}: an item without a string id");
                }

                ids.Add(id);
                lines.Add(bytes);
            }

            return new Side(name, [.. ids], [.. lines]);
        }
    }
}
