// Copies the shipped training texts (content/corpora/*.txt) to public/corpora/ so TrainingLab's
// worker can fetch them from the static site. Runs before `next build` / `next dev`; the copies
// are build output, ignored by git (content/corpora/ stays the one source).
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const from = path.join(root, 'content', 'corpora');
const to = path.join(root, 'public', 'corpora');
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.txt'));
for (const f of files) copyFileSync(path.join(from, f), path.join(to, f));
console.log(`copy-corpora: content/corpora → public/corpora/: ${files.map((f) => `${f} (${Math.round(statSync(path.join(to, f)).size / 1024)} kB)`).join(', ')}`);

// The alignment datasets (content/datasets/*.jsonl) likewise, for SFTLab / DPOLab's worker and
// RLHFPipeline's example records in presenter mode.
const datasetsFrom = path.join(root, 'content', 'datasets');
const datasetsTo = path.join(root, 'public', 'datasets');
mkdirSync(datasetsTo, { recursive: true });
const datasets = readdirSync(datasetsFrom).filter((f) => f.endsWith('.jsonl'));
for (const f of datasets) copyFileSync(path.join(datasetsFrom, f), path.join(datasetsTo, f));
console.log(`copy-corpora: content/datasets → public/datasets/: ${datasets.join(', ')}`);
