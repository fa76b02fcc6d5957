// Builds content/corpora/tang-qijue.txt, LoRALab's zh fine-tuning text: every 七言絕句 (four
// seven-character clauses: two lines of `七字，七字。`) in tang-poetry.txt, in corpus order.
// The base checkpoint saw them among 5- and 7-character poems of any length; fine-tuning on
// this subset alone should make its samples visibly keep to 7-character clauses and 2 lines.
// Run: node scripts/make-qijue-corpus.mjs (deterministic; no dependency).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const text = readFileSync(path.join(root, 'content/corpora/tang-poetry.txt'), 'utf8');
const clause7 = /^[^，。]{7}，[^，。]{7}。$/u;
const poems = text.split('\n\n').filter((p) => {
  const [, ...body] = p.trim().split('\n');
  return body.length === 2 && body.every((line) => clause7.test(line));
});
writeFileSync(path.join(root, 'content/corpora/tang-qijue.txt'), poems.map((p) => p.trim()).join('\n\n') + '\n');
console.log(`tang-qijue.txt: ${poems.length} poems`);
