using BenchmarkDotNet.Attributes;
using Matching.Load.Generation;
using Matching.Ranking;

namespace Matching.Load.Benchmarks;

/// <summary>
/// Text features per document: the bundled featurizer's profile (segmentation, stop words, TF-IDF of the text, the
/// title and the keywords) of generated offers, short and long, Chinese and English, fixed by seed.
/// </summary>
[MemoryDiagnoser]
public class TextFeatureBenchmarks
{
    private const int Documents = 200;
    private ItemText[] _texts = [];
    private TextModel _featurizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _featurizer = DefaultFeaturizer.Model;
        _texts = [.. new CorpusGenerator(seed: 1, offers: Documents, needs: 0).Offers()
            .Select(o => new ItemText(o.Data.Title, o.Data.Description, o.Data.Keywords))];
    }

    /// <summary>One document's profile (mean over 200 documents of every length the generator writes).</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public int Profile()
    {
        var slots = 0;
        foreach (var text in _texts)
        {
            slots += _featurizer.Profile(text).Slots.Length;
        }

        return slots;
    }
}
