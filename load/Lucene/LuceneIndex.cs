using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matching.Contracts;
using Matching.Ranking;
using Term = Lucene.Net.Index.Term;

namespace Matching.Load.Lucene;

/// <summary>
/// What a .NET user would pick for text retrieval instead of Matching: Lucene.Net 4.8 with BM25 (k1 1.2, b 0.75)
/// over the offers' title (boost 2), keywords (boost 2) and description, in memory, with the analyzer that fits
/// the text: <see cref="EnglishAnalyzer"/> for English, <see cref="SmartChineseAnalyzer"/> for Chinese (or mixed).
/// A need is one BooleanQuery of SHOULD term queries; the hard rules are a post-filter in the collector (the same
/// <see cref="HardRules.Allows"/> as Matching's), so that Lucene ranks the same candidate set as Matching.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly (string Name, float Boost)[] Fields = [("title", 2), ("keywords", 2), ("description", 1)];

    private readonly Analyzer _analyzer;
    private readonly RAMDirectory _directory = new();
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;
    private ItemFacts[] _facts = [];
    private int[] _offerOfDoc = [];

    /// <summary>
    /// Makes the analyzer and loads its dictionaries, so that <see cref="Build"/> times indexing only.
    /// <paramref name="chinese"/> picks SmartChineseAnalyzer (Chinese and English), otherwise EnglishAnalyzer.
    /// </summary>
    public LuceneIndex(bool chinese)
    {
        if (chinese)
        {
            // SmartChineseAnalyzer segments Chinese (HMM, its own dictionary) and lower-cases and Porter-stems English
            // words; its own stop set is punctuation only, so English stop words are added, as Matching drops them too.
            // Left in, "the" and "and" would be posting lists of half the corpus in every English query. (It stems
            // before it filters, so "this" and "was" still pass as "thi" and "wa".)
            var stop = new CharArraySet(Version, SmartChineseAnalyzer.DefaultStopSet, ignoreCase: false);
            stop.UnionWith(StopAnalyzer.ENGLISH_STOP_WORDS_SET);
            _analyzer = new SmartChineseAnalyzer(Version, stop);
            AnalyzerName = "SmartChineseAnalyzer + English stop words";
        }
        else
        {
            // StandardTokenizer, English possessive filter, lower case, English stop words, Porter stemmer.
            _analyzer = new EnglishAnalyzer(Version);
            AnalyzerName = "EnglishAnalyzer (Porter)";
        }

        Query(new ItemText("量子计算 quantum computing", null, [])); // the dictionaries load on first use
    }

    /// <summary>The analyzer used for the offers and the needs, as a report names it.</summary>
    public string AnalyzerName { get; }

    /// <summary>Indexes <paramref name="offers"/> on this thread (analysis included) and merges to one segment.</summary>
    public void Build(IReadOnlyList<TrainingItem> offers)
    {
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            for (var i = 0; i < offers.Count; i++)
            {
                var text = offers[i].Text;
                writer.AddDocument(new Document
                {
                    new TextField("title", text.Title ?? "", Field.Store.NO),
                    new TextField("keywords", string.Join('\n', text.Keywords), Field.Store.NO),
                    new TextField("description", text.Description ?? "", Field.Store.NO),
                    // Which offer a document is: merges may reorder documents, so the position is not enough.
                    new NumericDocValuesField("offer", i),
                });
            }

            // A static index searched many times: one segment is what a user would serve it as.
            writer.ForceMerge(1);
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _facts = [.. offers.Select(o => o.Facts)];
        _offerOfDoc = new int[_reader.MaxDoc];
        foreach (var leaf in _reader.Leaves)
        {
            var offer = leaf.AtomicReader.GetNumericDocValues("offer");
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                _offerOfDoc[leaf.DocBase + doc] = (int)offer.Get(doc);
            }
        }
    }

    /// <summary>The index's size in memory (the RAMDirectory's files).</summary>
    public long Bytes => _directory.GetSizeInBytes();

    /// <summary>The best <paramref name="count"/> offers (index in the indexed list, BM25 score) that pass the hard rules.</summary>
    public (int Offer, float Score)[] Search(TrainingItem need, int count)
    {
        var query = Query(need.Text);
        var top = TopScoreDocCollector.Create(count, docsScoredInOrder: false);
        var collector = new HardRulesCollector(top, this, need.Facts);
        var searcher = _searcher ?? throw new InvalidOperationException("Build first");
        // No Lucene Filter, not even a NumericRangeFilter on TRL (cached per minimum): a filtered query is scored
        // document at a time in order, and at 10,000 offers that took 5.8-8.0 ms a query against 2.3-4.5 ms without
        // it; collecting out of order and dropping what breaks a rule gives the same top 20.
        searcher.Search(query, collector);
        return [.. top.GetTopDocs().ScoreDocs.Select(d => (_offerOfDoc[d.Doc], d.Score))];
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>
    /// The need's title, keywords and description analyzed like the offers, each distinct term one SHOULD clause
    /// per field, boosted by its count in the need: that scores as repeating the clause would, in one clause.
    /// Terms are taken in text order until <see cref="BooleanQuery.MaxClauseCount"/> (1,024) clauses.
    /// </summary>
    private BooleanQuery Query(ItemText text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        using (var stream = _analyzer.GetTokenStream("description", $"{text.Title}\n{string.Join('\n', text.Keywords)}\n{text.Description}"))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var word = term.ToString();
                if (counts.TryGetValue(word, out var n))
                {
                    counts[word] = n + 1;
                }
                else if ((order.Count + 1) * Fields.Length <= BooleanQuery.MaxClauseCount)
                {
                    counts[word] = 1;
                    order.Add(word);
                }
            }

            stream.End();
        }

        // Coordination is off: BM25 does not use it, and this says so.
        var query = new BooleanQuery(disableCoord: true);
        foreach (var word in order)
        {
            foreach (var (field, boost) in Fields)
            {
                query.Add(new TermQuery(new Term(field, word)) { Boost = boost * counts[word] }, Occur.SHOULD);
            }
        }

        return query;
    }

    /// <summary>
    /// The post-filter: a document is collected only when <see cref="HardRules.Allows"/> passes (TRL, transfer
    /// modes, country), the same rule code as Matching's first phase.
    /// </summary>
    private sealed class HardRulesCollector(ICollector inner, LuceneIndex index, ItemFacts need) : ICollector
    {
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            _docBase = context.DocBase;
            inner.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            if (HardRules.Allows(need, index._facts[index._offerOfDoc[_docBase + doc]]))
            {
                inner.Collect(doc);
            }
        }
    }
}
