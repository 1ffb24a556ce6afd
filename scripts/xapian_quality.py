#!/usr/bin/python3
"""A second opinion on `load -- quality`: Xapian BM25 on the same judged collection, the same metrics.

    apt-get install -y python3-xapian          # Debian's binding (1.4.22 on Debian 12); run with /usr/bin/python3
    /usr/bin/python3 scripts/xapian_quality.py DIR [--split N] [--depth 20] [--json]

DIR is a training-file folder (API.md): offers.jsonl, needs.jsonl, judgments.jsonl. Offers are indexed in memory
(title, keywords, description, one text field); each judged need's title, keywords and description is parsed by
QueryParser into an OR of its terms, BM25Weight with Xapian's defaults, top --depth. English collections use the
"english" stemmer (Xapian's default STEM_SOME: stemmed and unstemmed terms); Chinese ones (more than 20% of the
offers' letters CJK ideographs, as `quality` decides) use FLAG_CJK_NGRAM in indexing and query parsing. No stop
words, no hard rules (the real collections have no TRL, modes or countries that would exclude an offer).

Metrics are those of RankerTraining.Evaluate (src/Ranking/RankerTraining.cs): the retrieved pool ordered by score,
ties by offer id (ordinal); NDCG@k with gain 2^grade - 1, discount log2(rank + 1), the ideal over every grade judged
for the need; P@3 and MRR@10 with grade >= 3 relevant; unjudged offers grade 0; averaged over the needs with a
judgment above 0. --split N evaluates the test half of the same split as `quality --split N`: judged needs ordered
by id, shuffled by .NET's `new Random(N).Shuffle`, re-implemented here (the seeded, Knuth subtractive generator).
"""

import argparse
import json
import math
import os
import sys
import time
import unicodedata

import xapian

RELEVANT = 3
CHINESE_SHARE = 0.2
INT_MAX = 2**31 - 1


def read_lines(path):
    with open(path, encoding="utf-8-sig") as f:
        return [json.loads(line) for line in f if line.strip()]


def text_of(item):
    parts = [item.get("title") or ""] + list(item.get("keywords") or []) + [item.get("description") or ""]
    return "\n".join(p for p in parts if p)


def is_cjk(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def cjk_share(offers):
    letters = cjk = 0
    for o in offers:
        for c in text_of(o):
            if unicodedata.category(c).startswith("L"):
                letters += 1
                cjk += is_cjk(c)
    return cjk / letters if letters else 0.0


class DotNetRandom:
    """System.Random(seed) of .NET (its seeded, Net5-compatible implementation): Next(min, max) and Shuffle."""

    def __init__(self, seed):
        seeds = [0] * 56
        subtraction = INT_MAX if seed == -(2**31) else abs(seed)
        mj = 161803398 - subtraction
        seeds[55] = mj
        mk = 1
        ii = 0
        for _ in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            seeds[ii] = mk
            mk = mj - mk
            if mk < 0:
                mk += INT_MAX
            mj = seeds[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                seeds[i] -= seeds[1 + n]
                if seeds[i] < 0:
                    seeds[i] += INT_MAX
        self._seeds, self._inext, self._inextp = seeds, 0, 21

    def _sample(self):
        inext = self._inext + 1
        if inext >= 56:
            inext = 1
        inextp = self._inextp + 1
        if inextp >= 56:
            inextp = 1
        ret = self._seeds[inext] - self._seeds[inextp]
        if ret == INT_MAX:
            ret -= 1
        if ret < 0:
            ret += INT_MAX
        self._seeds[inext] = ret
        self._inext, self._inextp = inext, inextp
        return ret * (1.0 / INT_MAX)

    def next(self, lo, hi):
        return int(self._sample() * (hi - lo)) + lo

    def shuffle(self, values):
        n = len(values)
        for i in range(n - 1):
            j = self.next(i, n)
            if j != i:
                values[i], values[j] = values[j], values[i]


def dcg(grades, k):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))


def ndcg(ranked, ideal, k):
    idcg = dcg(ideal, k)
    return dcg(ranked, k) / idcg if idcg else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data")
    parser.add_argument("--split", type=int)
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    offers = read_lines(os.path.join(args.data, "offers.jsonl"))
    needs = read_lines(os.path.join(args.data, "needs.jsonl"))
    judgments = read_lines(os.path.join(args.data, "judgments.jsonl"))
    grades = {}
    for j in judgments:
        g = grades.setdefault(j["needId"], {})
        g[j["offerId"]] = max(j["grade"], g.get(j["offerId"], 0))
    queries = [n for n in needs if n["id"] in grades]
    half = "all judged needs"
    if args.split is not None:
        ordered = sorted(queries, key=lambda n: n["id"].encode("utf-16-be"))  # .NET's ordinal order (UTF-16 units)
        DotNetRandom(args.split).shuffle(ordered)
        train = len(ordered) // 2
        queries = ordered[train:]
        half = f"the test half of --split {args.split} ({len(queries)} of {len(ordered)} judged needs)"

    share = cjk_share(offers)
    chinese = share > CHINESE_SHARE
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    indexer = xapian.TermGenerator()
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)
    flags = xapian.QueryParser.FLAG_DEFAULT
    if chinese:
        indexer.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        flags |= xapian.QueryParser.FLAG_CJK_NGRAM
        analysis = "CJK n-grams (FLAG_CJK_NGRAM)"
    else:
        stemmer = xapian.Stem("english")
        indexer.set_stemmer(stemmer)
        qp.set_stemmer(stemmer)
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        analysis = 'stemmer "english" (STEM_SOME)'

    start = time.perf_counter()
    for o in offers:
        doc = xapian.Document()
        indexer.set_document(doc)
        for part in [o.get("title") or ""] + list(o.get("keywords") or []) + [o.get("description") or ""]:
            indexer.index_text(part)
            indexer.increase_termpos()  # no phrase across fields
        doc.set_data(o["id"])
        db.add_document(doc)
    build = time.perf_counter() - start

    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    pools = []

    def search(need):
        try:
            query = qp.parse_query(text_of(need), flags)
        except xapian.QueryParserError:
            query = qp.parse_query(text_of(need), 0)
        enquire.set_query(query)
        hits = [(m.weight, m.document.get_data().decode()) for m in enquire.get_mset(0, args.depth)]
        return sorted(hits, key=lambda h: (-h[0], h[1].encode("utf-16-be")))

    for need in queries:  # warm-up, untimed
        search(need)
    times = []
    for need in queries:
        t = time.perf_counter()
        pools.append(search(need))
        times.append((time.perf_counter() - t) * 1e6)

    n3 = n10 = p3 = mrr = 0.0
    counted = judged = found = 0
    for need, pool in zip(queries, pools):
        g = grades[need["id"]]
        judged += sum(1 for x in g.values() if x >= RELEVANT)
        ranked = [g.get(oid, 0) for _, oid in pool]
        found += sum(1 for x in ranked if x >= RELEVANT)
        if not any(x > 0 for x in g.values()):
            continue
        counted += 1
        ideal = sorted(g.values(), reverse=True)
        n3 += ndcg(ranked, ideal, 3)
        n10 += ndcg(ranked, ideal, 10)
        p3 += sum(1 for x in ranked[:3] if x >= RELEVANT) / 3
        first = next((i for i, x in enumerate(ranked[:10]) if x >= RELEVANT), None)
        mrr += 0 if first is None else 1 / (first + 1)
    c = max(counted, 1)
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, max(0, math.ceil(p / 100 * len(times)) - 1))] if times else 0

    result = {
        "engine": f"Xapian {xapian.version_string()} BM25",
        "ndcg@3": round(n3 / c, 4), "ndcg@10": round(n10 / c, 4), "p@3": round(p3 / c, 4), "mrr@10": round(mrr / c, 4),
        "relevantInPool": round(found / judged, 4) if judged else 0, "p50Us": round(pct(50)), "p99Us": round(pct(99)),
    }
    print(f"{args.data}: {len(offers):,} offers; queries: {half}, {len(queries)}, {counted} with a relevant offer")
    print(f"Xapian {xapian.version_string()}, BM25Weight defaults, {analysis} (CJK ideographs are {share:.1%} of the offers' letters); "
          f"pool depth {args.depth}; indexed in {build:.1f} s")
    print(f"{'engine':<22} {'p50 us':>8} {'p99 us':>8} {'ndcg@3':>7} {'ndcg@10':>8} {'p@3':>6} {'mrr@10':>7} {'relevant in pool':>17}")
    print(f"{'Xapian BM25':<22} {result['p50Us']:>8,} {result['p99Us']:>8,} {result['ndcg@3']:>7.4f} {result['ndcg@10']:>8.4f} "
          f"{result['p@3']:>6.4f} {result['mrr@10']:>7.4f} {result['relevantInPool']:>17.1%}")
    if args.json:
        print(json.dumps({"collection": args.data, "split": args.split, "needs": [n["id"] for n in queries], **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
