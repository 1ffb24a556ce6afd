#!/usr/bin/env node
// Writes the bilingual judged sets of the quality harness from the repository's demo corpus (demo/*.json):
// for each direction (zh-en, en-zh, and the same-language zh-zh, en-en) a folder with offers.jsonl (the offers in the
// target language), needs.jsonl (the needs in the source language) and judgments.jsonl (grade 3 for every offer of the
// need's field, the rest unjudged = 0; the needs' hard rules are dropped). Usage: node scripts/bilingual-eval.js [OUT]   (default /tmp/bilingual)
// Then: dotnet run -c Release --project load -- quality --data OUT/zh-en   (and en-zh, zh-zh, en-en)
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = process.argv[2] || '/tmp/bilingual';
const offers = JSON.parse(fs.readFileSync(path.join(root, 'demo', 'offers.json'), 'utf8'));
const needs = JSON.parse(fs.readFileSync(path.join(root, 'demo', 'needs.json'), 'utf8'));
// The language of an item is its title's: Chinese when it has a CJK ideograph.
const lang = (item) => (/[\u4e00-\u9fff]/.test(item.title) ? 'zh' : 'en');
const lines = (items) => items.map((x) => JSON.stringify(x)).join('\n') + '\n';

for (const [from, to] of [['zh', 'en'], ['en', 'zh'], ['zh', 'zh'], ['en', 'en']]) {
  const dir = path.join(out, `${from}-${to}`);
  fs.mkdirSync(dir, { recursive: true });
  const o = offers.filter((x) => lang(x) === to);
  // The hard rules (minTrl, modes, acceptForeign) are dropped: the judgments are by topic, and the set measures text matching.
  const n = needs.filter((x) => lang(x) === from).map(({ minTrl, transferModes, acceptForeign, ...rest }) => rest);
  const judgments = [];
  for (const need of n) {
    for (const offer of o) {
      if (offer.field && offer.field === need.industry) judgments.push({ needId: need.id, offerId: offer.id, grade: 3 });
    }
  }
  fs.writeFileSync(path.join(dir, 'offers.jsonl'), lines(o));
  fs.writeFileSync(path.join(dir, 'needs.jsonl'), lines(n));
  fs.writeFileSync(path.join(dir, 'judgments.jsonl'), lines(judgments));
  console.log(`${from}-${to}: ${n.length} needs, ${o.length} offers, ${judgments.length} relevant pairs -> ${dir}`);
}
