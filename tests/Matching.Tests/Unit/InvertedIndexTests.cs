using Matching.Ranking;

namespace Matching.Tests.Unit;

public class InvertedIndexTests
{
    private static readonly Func<string, bool> All = _ => true;

    private static (int[] Slots, float[] Weights) Vec(params (int Slot, float Weight)[] entries)
    {
        var norm = MathF.Sqrt(entries.Sum(e => e.Weight * e.Weight));
        var sorted = entries.OrderBy(e => e.Slot).ToArray();
        return (sorted.Select(e => e.Slot).ToArray(), sorted.Select(e => e.Weight / norm).ToArray());
    }

    /// <summary>A random unit vector with Zipf-like term use, as in text: a few terms are in most documents, most in few.</summary>
    private static (int[] Slots, float[] Weights) ZipfVector(Random random, int terms) =>
        Vec(Enumerable.Range(0, terms).Select(_ => (int)Math.Floor(Math.Pow(random.NextDouble(), 3) * 2000)).Distinct()
            .Select(t => (t, (float)random.NextDouble() + 0.01f)).ToArray());

    /// <summary>
    /// Writes random documents, some ids twice (replacements), and removes one now and then; returns what the index
    /// should hold. <paramref name="written"/> sees each id as it is written.
    /// </summary>
    private static Dictionary<string, (int[] Slots, float[] Weights)> RandomCorpus(
        Random random, InvertedIndex<string> index, int writes, int ids, Action<string>? written = null)
    {
        var docs = new Dictionary<string, (int[] Slots, float[] Weights)>();
        for (var i = 0; i < writes; i++)
        {
            var id = $"d{random.Next(ids)}";
            docs[id] = ZipfVector(random, random.Next(1, 60));
            index.Upsert(id, docs[id].Slots, docs[id].Weights, id);
            written?.Invoke(id);
            if (random.Next(10) == 0)
            {
                var gone = $"d{random.Next(ids)}";
                docs.Remove(gone);
                index.Remove(gone);
            }
        }

        return docs;
    }

    /// <summary>
    /// Every document's exact score with the query, for those the rule allows and that share a term: brute force over
    /// the weights as the index reads them (16-bit codes, the query's too).
    /// </summary>
    private static IEnumerable<(string Id, float Score)> Scored(
        Dictionary<string, (int[] Slots, float[] Weights)> docs, int[] qs, float[] qw, Func<string, bool> allow) =>
        docs.Where(d => allow(d.Key))
            .Select(d => (Id: d.Key, Score: Sparse.Dot(qs, QuantizedWeight.Round(qw), d.Value.Slots, QuantizedWeight.Encode(d.Value.Weights))))
            .Where(x => x.Score > 0);

    /// <summary>A hard rule that refuses a third of the documents (or none), chosen at random.</summary>
    private static Func<string, bool> ThirdRefused(Random random)
    {
        var parity = random.Next(3);
        return id => id.GetHashCode(StringComparison.Ordinal) % 3 != parity || parity == 2;
    }

    private static void Add(InvertedIndex<string> index, string id, params (int, float)[] entries)
    {
        var (s, w) = Vec(entries);
        index.Upsert(id, s, w, id);
    }

    [Fact]
    public void A_query_returns_the_best_documents_by_cosine_then_id()
    {
        var index = new InvertedIndex<string>();
        Add(index, "exact", (1, 1), (2, 1));
        Add(index, "half-b", (1, 1), (9, 1));
        Add(index, "half-a", (2, 1), (8, 1));
        Add(index, "none", (7, 1));
        var (qs, qw) = Vec((1, 1), (2, 1));

        var hits = index.Query(qs, qw, All, 3);

        Assert.Equal(["exact", "half-a", "half-b"], hits.Select(h => h.Id));
        Assert.Equal(1f, hits[0].Score, 4); // 4 places: documents' weights are 16-bit codes
        Assert.Equal(0.5f, hits[1].Score, 4);
    }

    [Fact]
    public void Documents_sharing_no_term_are_never_returned()
    {
        var index = new InvertedIndex<string>();
        Add(index, "a", (1, 1));

        var (qs, qw) = Vec((2, 1));

        Assert.Empty(index.Query(qs, qw, All, 10));
    }

    [Fact]
    public void The_filter_excludes_documents_before_the_top_k_is_cut()
    {
        var index = new InvertedIndex<string>();
        Add(index, "best", (1, 1));
        Add(index, "second", (1, 1), (5, 1));
        var (qs, qw) = Vec((1, 1));

        var hits = index.Query(qs, qw, id => id != "best", 1);

        Assert.Equal("second", Assert.Single(hits).Id);
    }

    [Fact]
    public void Replacing_and_removing_documents_is_reflected_and_survives_compaction()
    {
        var index = new InvertedIndex<string>();
        for (var i = 0; i < 3000; i++)
        {
            Add(index, $"d{i}", (i % 7, 1), (100 + i, 1));
        }

        for (var i = 0; i < 2900; i++)
        {
            Assert.True(index.Remove($"d{i}"));
        }

        Add(index, "d2999", (3, 1)); // replace: the old entry must disappear
        var (qs, qw) = Vec((3, 1));

        var hits = index.Query(qs, qw, All, 100);

        Assert.Equal(100, index.Count);
        Assert.Equal("d2999", hits[0].Id);
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.All(hits, h => Assert.True(int.Parse(h.Id[1..], System.Globalization.CultureInfo.InvariantCulture) >= 2900));
        Assert.False(index.Remove("d0"));
        Assert.Equal(100 * 2 - 1, index.Postings);
    }

    [Fact]
    public void Top_shared_slots_are_ordered_by_contribution()
    {
        var index = new InvertedIndex<string>();
        Add(index, "a", (1, 3), (2, 1), (3, 2));
        var (qs, qw) = Vec((1, 1), (2, 1), (3, 1), (4, 1));

        var hit = Assert.Single(index.Query(qs, qw, All, 1));

        Assert.Equal([1, 3, 2], hit.TopSharedSlots);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 10)]
    [InlineData(4, 50)]
    public void Pruned_retrieval_returns_exactly_what_scoring_every_document_returns(int seed, int k)
    {
        var random = new Random(seed);
        var index = new InvertedIndex<string> { CommonList = int.MaxValue }; // exhaustive: no common-term bound
        var docs = RandomCorpus(random, index, writes: 3000, ids: 2500);

        for (var q = 0; q < 200; q++)
        {
            var (qs, qw) = ZipfVector(random, random.Next(1, 80));
            var allow = ThirdRefused(random);

            var expected = Scored(docs, qs, qw, allow)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(k)
                .ToList();

            var hits = index.Query(qs, qw, allow, k);

            Assert.Equal(expected.Select(x => x.Id), hits.Select(h => h.Id));
            Assert.Equal(expected.Select(x => x.Score), hits.Select(h => h.Score));
        }
    }

    [Fact]
    public void A_pair_scores_the_same_whichever_side_is_indexed()
    {
        // Offers in one index and needs in another, as the two sides' shards hold them: a need's query and an offer's
        // reach (or rescoring) must give one number for the pair, to the bit.
        var random = new Random(7);
        var (offers, needs) = (new InvertedIndex<string>(), new InvertedIndex<string>());
        var offerDocs = RandomCorpus(random, offers, writes: 300, ids: 300);
        var needDocs = RandomCorpus(random, needs, writes: 300, ids: 300);

        foreach (var (needId, need) in needDocs.Take(60))
        {
            foreach (var hit in offers.Query(need.Slots, need.Weights, All, 10))
            {
                var offer = offerDocs[hit.Id];
                Assert.True(needs.TryScore(needId, offer.Slots, offer.Weights, out var back));
                Assert.Equal(BitConverter.SingleToInt32Bits(hit.Score), BitConverter.SingleToInt32Bits(back.Score));
                var reached = needs.Reach(offer.Slots, offer.Weights, All).Single(h => h.Id == needId);
                Assert.Equal(BitConverter.SingleToInt32Bits(hit.Score), BitConverter.SingleToInt32Bits(reached.Score));
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void After_a_reweigh_and_more_writes_retrieval_still_equals_scoring_every_document(int seed)
    {
        // Reweigh rebuilds every posting list at its exact size; the writes after it grow them again.
        var random = new Random(seed);
        var index = new InvertedIndex<string> { CommonList = int.MaxValue };
        var docs = RandomCorpus(random, index, writes: 2000, ids: 1500);
        static float[] Scaled(int[] slots, float[] weights) => [.. weights.Select((w, i) => w * (1 + (slots[i] % 7)) / 7f)];
        index.Reweigh((slots, id) => Scaled(slots, docs[id].Weights));
        foreach (var id in docs.Keys.ToList())
        {
            docs[id] = (docs[id].Slots, Scaled(docs[id].Slots, docs[id].Weights));
        }

        for (var i = 0; i < 500; i++)
        {
            docs[$"e{i}"] = ZipfVector(random, random.Next(1, 60));
            index.Upsert($"e{i}", docs[$"e{i}"].Slots, docs[$"e{i}"].Weights, $"e{i}");
        }

        for (var q = 0; q < 100; q++)
        {
            var (qs, qw) = ZipfVector(random, random.Next(1, 80));
            var expected = Scored(docs, qs, qw, All)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(10)
                .ToList();

            var hits = index.Query(qs, qw, All, 10);

            Assert.Equal(expected.Select(x => x.Id), hits.Select(h => h.Id));
            Assert.Equal(expected.Select(x => x.Score), hits.Select(h => h.Score));
        }
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0.9)]
    public void Reach_returns_exactly_the_documents_whose_floor_the_score_reaches(int seed, double open)
    {
        // `open` is the share of documents whose floor is 0 (a list that takes any match).
        var random = new Random(seed);
        var index = new InvertedIndex<string>();
        var floors = new Dictionary<string, double>();
        var docs = RandomCorpus(random, index, writes: 4000, ids: 3000, written: id =>
        {
            // Floors as kept lists have them: mostly modest cosines, some open, a few deferred (nothing reaches them).
            floors[id] = random.NextDouble() < open ? 0 : random.Next(50) == 0 ? double.MaxValue : random.NextDouble() * 0.4;
            if (random.Next(4) != 0)
            {
                index.SetFloor(id, floors[id]); // the others keep the floor they were upserted with: 0
            }
            else
            {
                floors[id] = 0;
            }
        });

        for (var q = 0; q < 200; q++)
        {
            var (qs, qw) = ZipfVector(random, random.Next(1, 80));
            var allow = ThirdRefused(random);

            var expected = Scored(docs, qs, qw, allow)
                .Where(x => x.Score >= floors[x.Id] - 1e-5) // the index's float slack: a superset, rechecked by the caller
                .OrderBy(x => x.Id, StringComparer.Ordinal)
                .ToList();

            var hits = index.Reach(qs, qw, allow).OrderBy(h => h.Id, StringComparer.Ordinal).ToList();

            Assert.Equal(expected.Select(x => x.Id), hits.Select(h => h.Id));
            Assert.Equal(expected.Select(x => x.Score), hits.Select(h => h.Score));
        }
    }

    [Fact]
    public void A_common_term_only_scores_candidates_once_rarer_terms_have_proposed_enough()
    {
        var index = new InvertedIndex<string> { CommonList = 4096, MinCandidates = 256 };
        for (var i = 0; i < 6000; i++)
        {
            // Every document has the common term 1; the first 300 also the rarer term 2; the rest a private term.
            Add(index, $"d{i:D4}", (1, 1), (i < 300 ? 2 : 10 + i, 1));
        }

        Add(index, "common-only", (1, 1)); // the best match for the common term alone
        var (qs, qw) = Vec((1, 1), (2, 1));

        var both = index.Query(qs, qw, All, 3);
        var commonOnly = index.Query([1], [1f], All, 3);

        Assert.Equal(["d0000", "d0001", "d0002"], both.Select(h => h.Id));
        Assert.Equal(1f, both[0].Score, 4); // exact (to the 16-bit codes): the common term counted too
        Assert.Equal("common-only", commonOnly[0].Id); // too few rarer candidates: the common term proposes them
        Assert.Equal(3, commonOnly.Count);
    }
}
