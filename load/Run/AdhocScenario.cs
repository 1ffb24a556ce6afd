namespace Matching.Load.Run;

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
