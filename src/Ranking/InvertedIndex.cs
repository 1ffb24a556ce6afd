using System.Numerics;
using System.Runtime.InteropServices;

namespace Matching.Ranking;

/// <summary>
/// An in-memory inverted index over sparse non-negative vectors (a document's weights and a query's are those of
/// <see cref="Bm25"/>). Weights are taken as <see cref="QuantizedWeight"/> codes, a document's and a query's alike,
/// so that every score it returns is the same number from either side of a pair. A query walks the posting lists of its own terms
/// only, accumulating dot products; it never visits a document that shares no term. A write costs work in
/// proportion to the item: removal marks the document dead, and the posting lists are compacted once dead
/// entries outnumber live ones (amortized per write). Not thread-safe: one owner (a grain) at a time.
/// </summary>
public sealed class InvertedIndex<TPayload>
{
    // Bounds and scores are summed in different orders; this slack keeps float rounding from pruning a real hit.
    private const float Slack = 1e-5f;


    private const int ReasonSlots = 16; // enough for the phrases behind the strongest words to be quoted instead of their parts

    private readonly Dictionary<string, int> _docOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, PostingList> _postings = [];
    private Doc[] _docs = new Doc[64];
    private int _docCount;
    private long _livePostings;
    private long _deadPostings;
    private float[] _accumulators = new float[64];
    private Verdict[] _verdicts = new Verdict[64];
    private float[] _floors = new float[64]; // per document: see SetFloor; +inf once dead
    private readonly PriorityQueue<float, float> _kthBest = new();
    // One query at a time (like the accumulators): reused, since growing a fresh list per query allocated most of a write's garbage.
    private readonly List<int> _candidates = [];

    /// <summary>
    /// A term in more documents than this is common: it proposes candidates only while rarer terms have proposed
    /// too few, and otherwise only scores them. Lower means less work per query and less recall. With 1,024 (and
    /// <see cref="MinCandidates"/> 1,024), 99% of top-3 results over 100,000 generated offers in one index equal
    /// the exhaustive ones at under a third of the median time; in 8 shards of 12,500, 100% do, and the silo's
    /// median ad-hoc shortlist is about half that of 2,048 (`load -- pruning`, `load -- adhoc`, docs/benchmarks.md).
    /// </summary>
    public int CommonList { get; init; } = 1024;

    /// <summary>How many candidates rarer terms must have proposed before a common term stops proposing more.</summary>
    public int MinCandidates { get; init; } = 1024;

    /// <summary>How many documents are indexed.</summary>
    public int Count => _docOf.Count;

    /// <summary>How many live entries the posting lists hold.</summary>
    public long Postings => _livePostings;

    /// <summary>Adds or replaces a document. <paramref name="slots"/> must be ascending and unique, <paramref name="weights"/> in [0, 1].</summary>
    public void Upsert(string id, int[] slots, float[] weights, TPayload payload)
    {
        var codes = QuantizedWeight.Encode(weights);
        Remove(id);
        if (_docCount == _docs.Length)
        {
            Array.Resize(ref _docs, _docs.Length * 2);
            Array.Resize(ref _accumulators, _docs.Length);
            Array.Resize(ref _verdicts, _docs.Length);
            Array.Resize(ref _floors, _docs.Length);
        }

        var doc = _docCount++;
        _docs[doc] = new Doc(id, slots, codes, payload);
        _floors[doc] = 0;
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
        _floors[doc] = float.PositiveInfinity;
        _livePostings -= removed;
        _deadPostings += removed;
        if (_deadPostings > 1024 && _deadPostings > _livePostings)
        {
            Compact();
        }

        return true;
    }

    /// <summary>
    /// The <paramref name="count"/> best documents by dot product with the query among those <paramref name="allow"/>
    /// accepts, best first, ties by id. Documents that share no term with the query are never considered. Work is
    /// pruned in two ways. Without loss: once no unseen document can still reach the top, the remaining terms'
    /// posting lists only add to the candidates' scores, probed by binary search when that is cheaper (accumulator
    /// pruning in the "quit/continue" style, with each term's largest weight as its bound, as in MaxScore). And
    /// with a bound on work: a term in more than <see cref="CommonList"/> documents of this shard proposes no
    /// candidates once rarer terms have proposed enough; it still adds to their scores, which stay exact. So in a
    /// large shard a document that shares only common words with the query can be missed: the one place where
    /// this first phase trades recall for work that does not grow with the corpus.
    /// </summary>
    public List<Hit<TPayload>> Query(ReadOnlySpan<int> slots, ReadOnlySpan<float> queryWeights, Func<TPayload, bool> allow, int count)
    {
        ReadOnlySpan<float> weights = QuantizedWeight.Round(queryWeights);
        // The query's terms that occur here, largest possible contribution first.
        // A term's weight is taken per code step: the accumulators sum in another order than the exact rescoring anyway.
        var terms = new List<(PostingList List, float Weight, float Bound)>(slots.Length);
        for (var t = 0; t < slots.Length; t++)
        {
            if (_postings.TryGetValue(slots[t], out var list))
            {
                terms.Add((list, weights[t] * QuantizedWeight.Step, weights[t] * QuantizedWeight.Decode(list.MaxCode)));
            }
        }

        // Rarest first: rare terms propose few, specific candidates; common terms come last and, once there are
        // enough candidates, only add to their scores.
        terms.Sort((a, b) => a.List.Count != b.List.Count ? a.List.Count.CompareTo(b.List.Count) : b.Bound.CompareTo(a.Bound));
        var rest = new float[terms.Count + 1]; // rest[j]: the most that terms j.. can add to any one document
        for (var j = terms.Count - 1; j >= 0; j--)
        {
            rest[j] = rest[j + 1] + terms[j].Bound;
        }

        var acc = _accumulators;
        var candidates = _candidates;
        candidates.Clear();
        var adding = true;
        var lastKth = 0f; // the k-th best score among the candidates at the last pruning pass: scores only grow
        for (var j = 0; j < terms.Count; j++)
        {
            var (list, qw, _) = terms[j];
            // Pruning costs a pass over the candidates: worth it only before a list longer than that pass.
            if (j > 0 && list.Count > candidates.Count)
            {
                adding = Prune(candidates, count, rest[j], allow, adding, ref lastKth);
            }

            // A term in thousands of documents says little about any one of them: once the rarer terms have
            // proposed enough candidates, it only scores those. This bounds a query's work as the corpus grows;
            // every candidate's score stays exact.
            if (adding && list.Count > CommonList && candidates.Count >= Math.Max(MinCandidates, 16 * count))
            {
                adding = false;
            }

            var docs = list.Docs;
            var ws = list.Codes;
            if (adding)
            {
                for (var p = 0; p < list.Count; p++)
                {
                    var d = docs[p];
                    if (acc[d] == 0)
                    {
                        candidates.Add(d);
                    }

                    acc[d] += qw * ws[p];
                }
            }
            else if ((long)candidates.Count * (BitOperations.Log2((uint)list.Count) + 1) < list.Count)
            {
                foreach (var d in CollectionsMarshal.AsSpan(candidates))
                {
                    var p = Find(docs, list.Count, d); // posting lists are in document order
                    if (p >= 0)
                    {
                        acc[d] += qw * ws[p];
                    }
                }
            }
            else
            {
                for (var p = 0; p < list.Count; p++)
                {
                    if (acc[docs[p]] != 0) // only candidates have a non-zero accumulator
                    {
                        acc[docs[p]] += qw * ws[p];
                    }
                }
            }
        }

        return Best(candidates, count, slots, weights, allow);
    }

    /// <summary>
    /// Sets the least score a document takes from <see cref="Reach"/>: the floor of its kept list (0: any shared
    /// term; <see cref="float.PositiveInfinity"/>: nothing). A document starts at 0 when it is upserted.
    /// </summary>
    public void SetFloor(string id, double floor)
    {
        if (_docOf.TryGetValue(id, out var d))
        {
            _floors[d] = floor >= float.MaxValue ? float.PositiveInfinity : (float)floor;
        }
    }

    /// <summary>
    /// The reverse of <see cref="Query"/>: every document that shares a term with the query, that
    /// <paramref name="allow"/> accepts and whose exact score reaches its own floor (<see cref="SetFloor"/>, less a
    /// float slack), in no order. This is how a changed item finds the kept shortlists it may enter, each with its
    /// own bar. Every posting list of the query's terms is walked in full: skipping the longest in the MaxScore way
    /// was measured slower on generated text (common terms weigh too much in the query for their bound to prune;
    /// docs/benchmarks.md). Only documents whose summed score reaches their floor are rescored exactly.
    /// </summary>
    public List<Hit<TPayload>> Reach(ReadOnlySpan<int> slots, ReadOnlySpan<float> queryWeights, Func<TPayload, bool> allow)
    {
        ReadOnlySpan<float> weights = QuantizedWeight.Round(queryWeights);
        var acc = _accumulators;
        var candidates = _candidates;
        candidates.Clear();
        for (var t = 0; t < slots.Length; t++)
        {
            if (!_postings.TryGetValue(slots[t], out var list))
            {
                continue;
            }

            var (docs, ws, qw) = (list.Docs, list.Codes, weights[t] * QuantizedWeight.Step);
            for (var p = 0; p < list.Count; p++)
            {
                var d = docs[p];
                if (acc[d] == 0)
                {
                    candidates.Add(d);
                }

                acc[d] += qw * ws[p];
            }
        }

        var hits = new List<Hit<TPayload>>();
        foreach (var d in candidates)
        {
            var bar = _floors[d] - Slack; // +inf for a dead document
            if (acc[d] >= bar && allow(_docs[d].Payload))
            {
                var score = Sparse.Dot(slots, weights, _docs[d].Slots, _docs[d].Codes);
                if (score >= bar)
                {
                    hits.Add(new Hit<TPayload>(_docs[d].Id, score, _docs[d].Payload, TopShared(slots, weights, _docs[d])));
                }
            }

            acc[d] = 0;
        }

        return hits;
    }

    /// <summary>
    /// Gives every document new weights (those of a new statistics snapshot), keeping ids, payloads and floors, and
    /// rebuilds the posting lists: work in proportion to the index, once per snapshot.
    /// </summary>
    public void Reweigh(Func<int[], TPayload, float[]> weigh)
    {
        for (var d = 0; d < _docCount; d++)
        {
            if (!_docs[d].Dead)
            {
                _docs[d] = _docs[d] with { Codes = QuantizedWeight.Encode(weigh(_docs[d].Slots, _docs[d].Payload)) };
            }
        }

        Compact();
    }

    /// <summary>The ids of the indexed documents.</summary>
    public IEnumerable<string> Ids() => _docOf.Keys;

    /// <summary>One indexed document scored against a query, as <see cref="Reach"/> would, whatever its floor.</summary>
    public bool TryScore(string id, ReadOnlySpan<int> slots, ReadOnlySpan<float> queryWeights, out Hit<TPayload> hit)
    {
        if (_docOf.TryGetValue(id, out var d))
        {
            // No rounded copy of the query: called once per holder of a changed item, and the dot product rounds the terms it uses.
            hit = new Hit<TPayload>(id, Sparse.Dot(slots, queryWeights, _docs[d].Slots, _docs[d].Codes), _docs[d].Payload, TopShared(slots, queryWeights, _docs[d]));
            return true;
        }

        hit = default;
        return false;
    }

    /// <summary>One indexed document's slots and payload.</summary>
    public bool TryGet(string id, out int[] slots, out TPayload payload)
    {
        if (_docOf.TryGetValue(id, out var d))
        {
            (slots, payload) = (_docs[d].Slots, _docs[d].Payload);
            return true;
        }

        (slots, payload) = ([], default!);
        return false;
    }

    /// <summary>
    /// One pass over the candidates: while no more are added, drops those that can no longer reach the top
    /// <paramref name="count"/> even if every remaining term (worth at most <paramref name="remaining"/>) matched,
    /// judged against <paramref name="lastKth"/>, the k-th best of the last pass (a lower bound on today's, as scores
    /// only grow); and sets <paramref name="lastKth"/> to the k-th best score now. Says whether unseen documents can
    /// still reach the top, that is whether terms should go on adding candidates.
    /// </summary>
    private bool Prune(List<int> candidates, int count, float remaining, Func<TPayload, bool> allow, bool adding, ref float lastKth)
    {
        var acc = _accumulators;
        var best = _kthBest;
        best.Clear();
        var bar = adding ? float.NegativeInfinity : lastKth - remaining - Slack; // below it a candidate is out
        var all = CollectionsMarshal.AsSpan(candidates);
        var kept = 0;
        foreach (var d in all)
        {
            var score = acc[d];
            // Only a verdict already decided drops a candidate here: deciding one costs a look at the document.
            if (!adding && (score < bar || _verdicts[d] == Verdict.Excluded))
            {
                acc[d] = 0;
                _verdicts[d] = Verdict.Unknown;
                continue;
            }

            all[kept++] = d;
            Offer(best, score, count, d, allow);
        }

        CollectionsMarshal.SetCount(candidates, kept);
        lastKth = best.Count == count ? best.Peek() : 0;
        return adding && !(lastKth > 0 && remaining < lastKth - Slack);
    }

    /// <summary>Offers a candidate's score to the k best so far, if it competes and can enter.</summary>
    private void Offer(PriorityQueue<float, float> best, float score, int count, int d, Func<TPayload, bool> allow)
    {
        // Most candidates lose to the k-th best so far, which costs a comparison, not a heap operation.
        if (best.Count == count && score <= best.Peek())
        {
            return;
        }

        if (Competes(d, allow))
        {
            if (best.Count < count)
            {
                best.Enqueue(score, score);
            }
            else
            {
                best.DequeueEnqueue(score, score);
            }
        }
    }

    /// <summary>The <paramref name="count"/>-th best partial score among candidates that compete, or 0 when fewer compete.</summary>
    private float KthBest(List<int> candidates, int count, Func<TPayload, bool> allow)
    {
        var best = _kthBest;
        best.Clear();
        foreach (var d in CollectionsMarshal.AsSpan(candidates))
        {
            Offer(best, _accumulators[d], count, d, allow);
        }

        return best.Count == count ? best.Peek() : 0;
    }

    /// <summary>Where <paramref name="d"/> is in a posting list's first <paramref name="count"/> documents, or -1.</summary>
    private static int Find(int[] docs, int count, int d)
    {
        // Array.BinarySearch goes through a comparer that is not inlined (15% of a query's samples in perf), and the
        // span's BinarySearch measured slower than this loop too (load -- pruning, docs/benchmarks.md).
        var (lo, hi) = (0, count);
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (docs[mid] < d)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < count && docs[lo] == d ? lo : -1;
    }

    /// <summary>Alive and accepted by the hard rules; decided once per document and query.</summary>
    private bool Competes(int d, Func<TPayload, bool> allow)
    {
        if (_verdicts[d] == Verdict.Unknown)
        {
            _verdicts[d] = !_docs[d].Dead && allow(_docs[d].Payload) ? Verdict.Competes : Verdict.Excluded;
        }

        return _verdicts[d] == Verdict.Competes;
    }

    /// <summary>
    /// The final top: scores are recomputed in slot order for the few candidates near the top, so that the same
    /// pair always gets the same score to the last bit, whatever order the pruning summed it in.
    /// </summary>
    private List<Hit<TPayload>> Best(List<int> candidates, int count, ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, Func<TPayload, bool> allow)
    {
        var threshold = KthBest(candidates, count, allow);
        var heap = new PriorityQueue<int, (float Score, string Id)>(count + 1, WorstFirst.Instance);
        foreach (var d in candidates)
        {
            if (_accumulators[d] > 0 && _accumulators[d] >= threshold - Slack && Competes(d, allow))
            {
                heap.Enqueue(d, (Sparse.Dot(slots, weights, _docs[d].Slots, _docs[d].Codes), _docs[d].Id));
                if (heap.Count > count)
                {
                    heap.Dequeue();
                }
            }

            _accumulators[d] = 0;
            _verdicts[d] = Verdict.Unknown;
        }

        var hits = new List<Hit<TPayload>>(heap.Count);
        while (heap.TryDequeue(out var d, out var key))
        {
            hits.Add(new Hit<TPayload>(key.Id, key.Score, _docs[d].Payload, TopShared(slots, weights, _docs[d])));
        }

        hits.Reverse();
        return hits;
    }

    /// <summary>The shared slots that contribute most to the score, strongest first (ties by slot).</summary>
    private static int[] TopShared(ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, in Doc doc)
    {
        // Called for every hit a shard returns: plain arrays, no LINQ.
        var max = Math.Min(slots.Length, doc.Slots.Length);
        var shared = new int[max];
        var contributions = new float[max];
        var n = 0;
        int i = 0, j = 0;
        while (i < slots.Length && j < doc.Slots.Length)
        {
            if (slots[i] == doc.Slots[j])
            {
                shared[n] = slots[i];
                contributions[n++] = -(QuantizedWeight.Round(weights[i]) * QuantizedWeight.Decode(doc.Codes[j])); // negated: Array.Sort is ascending
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

        // Slots ascend, and a stable order of equal keys is not promised: sort by (contribution, slot) explicitly.
        var order = new (float Contribution, int Slot)[n];
        for (var k = 0; k < n; k++)
        {
            order[k] = (contributions[k], shared[k]);
        }

        Array.Sort(order);
        var top = new int[Math.Min(n, ReasonSlots)];
        for (var k = 0; k < top.Length; k++)
        {
            top[k] = order[k].Slot;
        }

        return top;
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

            list.Add(doc, d.Codes[i]);
        }

        _livePostings += d.Slots.Length;
    }

    /// <summary>
    /// Renumbers the live documents densely and rebuilds the posting lists from them, each list sized to its
    /// documents (after a bulk import's refresh, growth by doubling had left about a quarter of them unused).
    /// </summary>
    private void Compact()
    {
        var live = new Doc[Math.Max(64, _docOf.Count + (_docOf.Count / 8))];
        var floors = new float[live.Length];
        var n = 0;
        for (var d = 0; d < _docCount; d++)
        {
            if (!_docs[d].Dead)
            {
                floors[n] = _floors[d];
                live[n] = _docs[d];
                _docOf[_docs[d].Id] = n++;
            }
        }

        _docs = live;
        _floors = floors;
        _docCount = n;
        _accumulators = new float[live.Length];
        _verdicts = new Verdict[live.Length];
        _postings.Clear();
        _livePostings = 0;
        _deadPostings = 0;
        var sizes = new Dictionary<int, int>();
        for (var d = 0; d < n; d++)
        {
            foreach (var slot in live[d].Slots)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(sizes, slot, out _)++;
            }
        }

        _postings.EnsureCapacity(sizes.Count);
        foreach (var (slot, size) in sizes)
        {
            _postings[slot] = new PostingList(size);
        }

        for (var d = 0; d < n; d++)
        {
            AddPostings(d);
        }
    }

    private readonly record struct Doc(string Id, int[] Slots, ushort[] Codes, TPayload Payload, bool Dead = false);

    private enum Verdict : byte
    {
        Unknown = 0,
        Competes = 1,
        Excluded = 2,
    }

    /// <summary>Postings in document order (documents are numbered as they arrive, and compaction keeps the order).</summary>
    private sealed class PostingList(int capacity = 4)
    {
        public int[] Docs = new int[capacity];
        public ushort[] Codes = new ushort[capacity];
        public int Count;
        public ushort MaxCode; // an upper bound: removals leave it as it was until the next compaction

        public void Add(int doc, ushort code)
        {
            MaxCode = Math.Max(MaxCode, code);
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref Codes, Count * 2);
            }

            Docs[Count] = doc;
            Codes[Count++] = code;
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
