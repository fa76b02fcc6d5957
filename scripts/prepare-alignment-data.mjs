// Builds the two alignment datasets from the shipped corpus, byte for byte reproducibly:
//   content/datasets/tang-sft.jsonl         {"prompt": title, "response": quatrain}
//   content/datasets/tang-preference.jsonl  {"prompt": title, "chosen": quatrain, "rejected": the same quatrain, every line cut to four characters}
// Usage: node scripts/prepare-alignment-data.mjs   (no arguments, no network; rules in content/datasets/README.md)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

const SFT_COUNT = 200;
const PREFERENCE_COUNT = 150;

const corpus = readFileSync('content/corpora/tang-poetry.txt', 'utf8');
const poems = corpus
  .split('\n\n')
  .map((block) => block.split('\n').filter((line) => line.length > 0))
  .filter((lines) => lines.length > 1)
  .map(([title, ...lines]) => ({ title, lines }));

// A five-character quatrain (五言絕句): two lines of "five，five。" (or ？ / ！ at the end).
const FIVE = /^[^，。？！ ]{5}，[^，。？！ ]{5}[。？！]$/u;
const HAN_TITLE = /^\p{Script=Han}{1,10}$/u;
const seen = new Set();
const quatrains = [];
for (const { title, lines } of poems) {
  if (lines.length !== 2 || !lines.every((l) => FIVE.test(l)) || !HAN_TITLE.test(title) || seen.has(title)) continue;
  seen.add(title); // one poem per title, so a title always asks for the same answer
  quatrains.push({ title, poem: lines.join('\n') });
}
if (quatrains.length < SFT_COUNT + PREFERENCE_COUNT) throw new Error(`only ${quatrains.length} quatrains qualify`);

// Even stride through the corpus (which starts with 唐诗三百首): SFT takes the even picks, preference the odd ones, disjoint.
const picks = [];
const stride = quatrains.length / (SFT_COUNT + PREFERENCE_COUNT);
for (let i = 0; i < SFT_COUNT + PREFERENCE_COUNT; i++) picks.push(quatrains[Math.floor(i * stride)]);
const sft = picks.filter((_, i) => i % 2 === 0 || i >= 2 * PREFERENCE_COUNT).slice(0, SFT_COUNT);
const preference = picks.filter((_, i) => i % 2 === 1 && i < 2 * PREFERENCE_COUNT).slice(0, PREFERENCE_COUNT);

/** The rejected answer: the same poem with the fifth character of every clause dropped (五言 → 四言). */
const cutToFour = (poem) => poem.replace(/([^，。？！\n]{4})[^，。？！\n]([，。？！])/gu, '$1$2');

mkdirSync('content/datasets', { recursive: true });
const write = (path, rows) => {
  const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(path, text);
  console.log(`${path}: ${rows.length} rows, sha256 ${createHash('sha256').update(text).digest('hex')}`);
};
write('content/datasets/tang-sft.jsonl', sft.map((q) => ({ prompt: q.title, response: q.poem })));
write(
  'content/datasets/tang-preference.jsonl',
  preference.map((q) => ({ prompt: q.title, chosen: q.poem, rejected: cutToFour(q.poem) })),
);
console.log(`${quatrains.length} five-character quatrains with distinct Han titles of ≤ 10 characters in the corpus`);
