namespace Matching.Ranking;

/// <summary>A hit of first-phase retrieval: the document, its cosine with the query and its payload.</summary>
public readonly record struct Hit<TPayload>(string Id, float Score, TPayload Payload, int[] TopSharedSlots);

/// <summary>
/// An in-memory inverted index over sparse unit vectors. A query walks the posting lists of its own terms
/// only, accumulating dot products; it never visits a document that shares no term. A write costs work in
/// proportion to the item: removal marks the document dead, and the posting lists are compacted once dead
/// entries outnumber live ones (amortized per write). Not thread-safe: one owner (a grain) at a time.
/// </summary>
public sealed class InvertedIndex<TPayload>
{
    private const int ReasonSlots = 16; // enough for the phrases behind the strongest words to be quoted instead of their parts

    private readonly Dictionary<string, int> _docOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, PostingList> _postings = [];
    private Doc[] _docs = new Doc[64];
    private int _docCount;
    private long _livePostings;
    private long _deadPostings;
    private float[] _accumulators = new float[64];

    /// <summary>How many documents are indexed.</summary>
    public int Count => _docOf.Count;

    /// <summary>How many live entries the posting lists hold.</summary>
    public long Postings => _livePostings;

    /// <summary>Adds or replaces a document. <paramref name="slots"/> must be ascending and unique.</summary>
    public void Upsert(string id, int[] slots, float[] weights, TPayload payload)
    {
        Remove(id);
        if (_docCount == _docs.Length)
        {
            Array.Resize(ref _docs, _docs.Length * 2);
            Array.Resize(ref _accumulators, _docs.Length);
        }

        var doc = _docCount++;
        _docs[doc] = new Doc(id, slots, weights, payload);
        _docOf[id] = doc;
        AddPostings(doc);
    }

    /// <summary>Removes a document; false when it was not indexed.</summary>
    public bool Remove(string id)
    {
        if (!_docOf.Remove(id, out var doc))
        {
            return false;
        }

        var removed = _docs[doc].Slots.Length;
        _docs[doc] = _docs[doc] with { Dead = true };
        _livePostings -= removed;
        _deadPostings += removed;
        if (_deadPostings > 1024 && _deadPostings > _livePostings)
        {
            Compact();
        }

        return true;
    }

    /// <summary>True when the document is indexed; gives its payload.</summary>
    public bool TryGet(string id, out TPayload payload)
    {
        if (_docOf.TryGetValue(id, out var doc))
        {
            payload = _docs[doc].Payload;
            return true;
        }

        payload = default!;
        return false;
    }

    /// <summary>
    /// The <paramref name="count"/> best documents by cosine with the query among those <paramref name="allow"/>
    /// accepts, best first, ties by id. Documents that share no term with the query are never considered.
    /// </summary>
    public List<Hit<TPayload>> Query(ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, Func<TPayload, bool> allow, int count)
    {
        var touched = new List<int>();
        var acc = _accumulators;
        for (var t = 0; t < slots.Length; t++)
        {
            if (!_postings.TryGetValue(slots[t], out var list))
            {
                continue;
            }

            var qw = weights[t];
            var docs = list.Docs;
            var ws = list.Weights;
            for (var p = 0; p < list.Count; p++)
            {
                var d = docs[p];
                if (acc[d] == 0)
                {
                    touched.Add(d);
                }

                acc[d] += qw * ws[p];
            }
        }

        // A bounded min-heap keeps the best `count`; its root is the worst kept hit.
        var heap = new PriorityQueue<int, (float Score, string Id)>(count + 1, WorstFirst.Instance);
        foreach (var d in touched)
        {
            var score = acc[d];
            acc[d] = 0;
            ref readonly var doc = ref _docs[d];
            if (doc.Dead || score <= 0 || !allow(doc.Payload))
            {
                continue;
            }

            heap.Enqueue(d, (score, doc.Id));
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }

        var hits = new List<Hit<TPayload>>(heap.Count);
        while (heap.TryDequeue(out var d, out var key))
        {
            hits.Add(new Hit<TPayload>(key.Id, key.Score, _docs[d].Payload, TopShared(slots, weights, _docs[d])));
        }

        hits.Reverse();
        return hits;
    }

    /// <summary>The shared slots that contribute most to the score, strongest first.</summary>
    private static int[] TopShared(ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, in Doc doc)
    {
        var shared = new List<(int Slot, float Contribution)>();
        int i = 0, j = 0;
        while (i < slots.Length && j < doc.Slots.Length)
        {
            if (slots[i] == doc.Slots[j])
            {
                shared.Add((slots[i], weights[i] * doc.Weights[j]));
                i++;
                j++;
            }
            else if (slots[i] < doc.Slots[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared.OrderByDescending(x => x.Contribution).ThenBy(x => x.Slot).Take(ReasonSlots).Select(x => x.Slot).ToArray();
    }

    private void AddPostings(int doc)
    {
        var d = _docs[doc];
        for (var i = 0; i < d.Slots.Length; i++)
        {
            if (!_postings.TryGetValue(d.Slots[i], out var list))
            {
                _postings[d.Slots[i]] = list = new PostingList();
            }

            list.Add(doc, d.Weights[i]);
        }

        _livePostings += d.Slots.Length;
    }

    /// <summary>Renumbers the live documents densely and rebuilds the posting lists from them.</summary>
    private void Compact()
    {
        var live = new Doc[Math.Max(64, _docOf.Count * 2)];
        var n = 0;
        for (var d = 0; d < _docCount; d++)
        {
            if (!_docs[d].Dead)
            {
                live[n] = _docs[d];
                _docOf[_docs[d].Id] = n++;
            }
        }

        _docs = live;
        _docCount = n;
        _accumulators = new float[live.Length];
        _postings.Clear();
        _livePostings = 0;
        _deadPostings = 0;
        for (var d = 0; d < n; d++)
        {
            AddPostings(d);
        }
    }

    private readonly record struct Doc(string Id, int[] Slots, float[] Weights, TPayload Payload, bool Dead = false);

    private sealed class PostingList
    {
        public int[] Docs = new int[4];
        public float[] Weights = new float[4];
        public int Count;

        public void Add(int doc, float weight)
        {
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref Weights, Count * 2);
            }

            Docs[Count] = doc;
            Weights[Count++] = weight;
        }
    }

    /// <summary>Orders hits worst first: lower score, then (for equal scores) the larger id.</summary>
    private sealed class WorstFirst : IComparer<(float Score, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, string Id) x, (float Score, string Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
