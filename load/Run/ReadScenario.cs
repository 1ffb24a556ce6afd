namespace Matching.Load.Run;

/// <summary>
/// <c>read</c>: kept shortlists, needs' and offers' in turn. Ids are drawn Zipf-distributed (seeded), as a
/// portal's traffic is: a few items are asked for very often, most rarely.
/// </summary>
public sealed class ReadScenario : Scenario
{
    private readonly Corpus _corpus;
    private readonly int _k;
    private readonly Random _random;
    private readonly ZipfSampler? _needs;
    private readonly ZipfSampler? _offers;

    public ReadScenario(Corpus corpus, int k, double exponent, int seed)
    {
        if (corpus.Needs.Count + corpus.Offers.Count == 0)
        {
            throw new CorpusException("the corpus is empty: nothing to read");
        }

        _corpus = corpus;
        _k = k;
        _random = new Random(seed);
        _needs = corpus.Needs.Count > 0 ? new ZipfSampler(corpus.Needs.Count, exponent, seed) : null;
        _offers = corpus.Offers.Count > 0 ? new ZipfSampler(corpus.Offers.Count, exponent, seed + 1) : null;
    }

    public override string Name => "read";

    public override Request Next(long index)
    {
        var needs = _offers is null || (_needs is not null && index % 2 == 0);
        var side = needs ? _corpus.Needs : _corpus.Offers;
        var id = side.Ids[(needs ? _needs! : _offers!).Next(_random)];
        var path = $"{Path(side.Name, id)}/shortlist?k={_k}";
        return new Request(needs ? "need-shortlist" : "offer-shortlist", (http, cancel) => GetAsync(http, path, cancel));
    }
}
