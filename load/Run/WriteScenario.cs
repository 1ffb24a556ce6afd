using System.Text.Json;

namespace Matching.Load.Run;

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
