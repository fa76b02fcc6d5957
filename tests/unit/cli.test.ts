import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@/lib/cli/main';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { BpeTokenizer, trainBpe } from '@/lib/tokenizer/bpe';

const ROOT = join(import.meta.dirname, '../..');
const GOLDEN = join(ROOT, 'tests/fixtures/golden');

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, argv });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gpt-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('CLI', () => {
  it('exits 2 with a usage message naming the bad argument (real process)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gpt.ts', 'train', '--corpus', 'x.txt', '--out', 'o', '--steps', 'ten'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/option --steps must be an integer, got "ten"/);
    expect(r.stderr).toMatch(/usage: npm run gpt -- train/);
  });

  it('names unknown options, missing values and required options, unknown commands and bad configs', async () => {
    const cases: [string[], RegExp][] = [
      [['sample', '--checkpoint', 'c', '--prompt', 'a', '--top-p', '0.9'], /unknown option --top-p for 'sample'/],
      [['sample', '--checkpoint', 'c', '--prompt'], /option --prompt needs a value/],
      [['eval', '--corpus', 'x'], /missing required option --checkpoint for 'eval'/],
      [['sample', '--checkpoint', 'c', '--prompt', 'a', '--temperature', '-1'], /option --temperature must be ≥ 0, got -1/],
      [['train', '--corpus', 'x', '--out', 'o', '--backend', 'tpu'], /option --backend must be one of wasm, cpu, got "tpu"/],
      [['fly'], /unknown command "fly"/],
      [['train', '--corpus', join(dir, 'missing.txt'), '--out', 'o'], /option --corpus: cannot read/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    await writeFile(join(dir, 'c.txt'), 'abcabcabc '.repeat(50));
    const bad = await cli('train', '--corpus', join(dir, 'c.txt'), '--out', join(dir, 'o'), '--config', '{"preset":"tiny","nHead":3}', '--backend', 'cpu');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option --config: invalid config: dModel = 16 is not divisible by nHead = 3/);
  });

  it('a --checkpoint that is not a checkpoint directory is a bad argument: exit 2 naming it and the path (real process)', () => {
    const missing = join(dir, 'no-such-checkpoint');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gpt.ts', 'sample', '--checkpoint', missing, '--prompt', 'a'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`error: option --checkpoint: "${missing}" does not exist`);
    expect(r.stderr).toMatch(/usage: npm run gpt -- sample/);
  });

  it('checks every path argument before any work: --checkpoint, --corpus, --out', async () => {
    const corpus = join(dir, 'paths.txt');
    await writeFile(corpus, 'abcabcabc '.repeat(50));
    await writeFile(join(dir, 'a-file'), 'not a directory');
    await mkdir(join(dir, 'empty-dir'), { recursive: true });
    await writeFile(join(dir, 'empty.txt'), '');
    const file = join(dir, 'a-file');
    const cases: [string[], string][] = [
      [['logits', '--checkpoint', join(dir, 'nope'), '--text', 'a'], `option --checkpoint: "${join(dir, 'nope')}" does not exist`],
      [['eval', '--checkpoint', file, '--corpus', corpus], `option --checkpoint: "${file}" is not a directory`],
      [['sample', '--checkpoint', join(dir, 'empty-dir'), '--prompt', 'a'], `option --checkpoint: "${join(dir, 'empty-dir')}" has no model.json`],
      [['eval', '--checkpoint', GOLDEN, '--corpus', join(dir, 'nope.txt')], `option --corpus: cannot read "${join(dir, 'nope.txt')}"`],
      [['eval', '--checkpoint', GOLDEN, '--corpus', join(dir, 'empty-dir')], `option --corpus: cannot read "${join(dir, 'empty-dir')}"`],
      [['train', '--corpus', join(dir, 'empty.txt'), '--out', join(dir, 'o')], `option --corpus: "${join(dir, 'empty.txt')}" is empty`],
      [['train', '--corpus', corpus, '--out', file, '--config', 'tiny'], `option --out: "${file}" exists and is not a directory`],
      [['train', '--corpus', corpus, '--out', join(file, 'ck'), '--config', 'tiny'], `option --out: cannot write to "${join(file, 'ck')}"`],
      [['train', '--corpus', corpus, '--out', join(dir, 'o'), '--vocab-size', '300'], 'option --vocab-size applies only to --tokenizer bpe'],
      [['train', '--corpus', corpus, '--out', join(dir, 'o'), '--tokenizer', 'bpe', '--vocab-size', '256'], 'option --vocab-size must be ≥ 257, got 256'],
      [['train', '--corpus', corpus, '--out', join(dir, 'o'), '--tokenizer', 'word'], 'option --tokenizer must be one of char, bpe, got "word"'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(`error: ${message}`);
      expect(r.stderr).toContain(`usage: npm run gpt -- ${argv[0]}`);
    }
  });

  it('a checkpoint directory with a truncated weights.bin fails while running (exit 1), naming the tensor', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'model.json'), await readFile(join(GOLDEN, 'model.json')));
    const weights = await readFile(join(GOLDEN, 'weights.bin'));
    await writeFile(join(broken, 'weights.bin'), weights.subarray(0, weights.byteLength - 8));
    const r = await cli('logits', '--checkpoint', broken, '--text', 'a', '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: tensor "ln_f\.bias": needs bytes \d+–\d+ but weights.bin has only \d+ bytes \(truncated file\?\)\n$/);
  });

  it('logits prints {"tokens", "logits"} equal to the NumPy reference', async () => {
    const r = await cli('logits', '--checkpoint', GOLDEN, '--text', 'Shall I compare', '--backend', 'cpu');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tokens: number[]; logits: number[][] };
    const expected = JSON.parse(await readFile(join(GOLDEN, 'expected-logits.json'), 'utf8')) as typeof out;
    expect(out.tokens).toEqual(expected.tokens);
    out.logits.forEach((row, t) => row.forEach((v, j) => expect(Math.abs(v - expected.logits[t][j])).toBeLessThan(1e-5 * 4)));
    const long = await cli('logits', '--checkpoint', GOLDEN, '--text', 'x'.repeat(17), '--backend', 'cpu');
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/option --text is 17 tokens; the model reads at most 16/);
  });

  it('trains, saves a checkpoint recording its command, then samples and evaluates it', async () => {
    const corpus = join(dir, 'abc.txt');
    await writeFile(corpus, 'the cat sat on the mat.\n'.repeat(40));
    const out = join(dir, 'ck');
    const argv = ['train', '--corpus', corpus, '--out', out, '--config', 'tiny', '--steps', '4', '--eval-every', '2', '--eval-windows', '2', '--backend', 'cpu'];
    const r = await cli(...argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/step 4: train \d\.\d+ val \d\.\d+/);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.training.command).toBe(`npm run gpt -- ${argv.join(' ')}`);
    expect(json.training.steps).toBe(4);
    expect(json.training.finalValLoss).toBeGreaterThan(0);
    expect(json.training.unigramValEntropy).toBeGreaterThan(0);
    const s = await cli('sample', '--checkpoint', out, '--prompt', 'the ', '--tokens', '10', '--seed', '1', '--backend', 'cpu');
    expect(s.code).toBe(0);
    expect(s.stdout.startsWith('the ')).toBe(true);
    expect([...s.stdout.slice(0, -1)]).toHaveLength(14); // prompt + 10 new characters, then one newline
    const e = await cli('eval', '--checkpoint', out, '--corpus', corpus, '--backend', 'cpu');
    const result = JSON.parse(e.stdout);
    expect(result.split).toBe('val');
    expect(result.loss).toBeCloseTo(json.training.finalValLoss, 5);
  });

  it('trains with --tokenizer bpe, saves the BPE tokenizer, and sample / eval / logits read it back', async () => {
    // English and Chinese: BPE's byte-level ids cover both, merges glue the 3 bytes of each Han character.
    const text = 'the cat sat on the mat.\n床前明月光，疑是地上霜。\n'.repeat(30);
    const corpus = join(dir, 'bpe.txt');
    await writeFile(corpus, text);
    const out = join(dir, 'bpe-ck');
    const argv = ['train', '--corpus', corpus, '--out', out, '--tokenizer', 'bpe', '--vocab-size', '280', '--config', 'tiny', '--steps', '3', '--eval-every', '3', '--eval-windows', '2', '--backend', 'cpu'];
    const r = await cli(...argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/tokenizer byte-level BPE, 24 merges learned on \d+ chars, vocab 280/);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(json.training.command).toBe(`npm run gpt -- ${argv.join(' ')}`);
    expect(json.training.tokenizer).toBe('bpe');
    expect(json.tokenizer.kind).toBe('bpe');
    expect(json.config.vocabSize).toBe(280);
    // The saved merges are the ones BPE learns from the text before the validation tail.
    const expected = trainBpe(text.slice(0, Math.floor(text.length * 0.9)), 280);
    expect(json.tokenizer.merges).toEqual(expected.merges.map((m) => m.pair));
    // Loss per character = loss per token × tokens / characters of the validation split.
    expect(json.training.finalValLossPerChar).toBeCloseTo((json.training.finalValLoss * json.training.valTokens) / json.training.valChars, 10);
    expect(json.training.valChars).toBeGreaterThan(json.training.valTokens); // BPE tokens hold more than one character

    const prompt = '床前明月';
    const l = await cli('logits', '--checkpoint', out, '--text', prompt, '--backend', 'cpu');
    expect(l.code, l.stderr).toBe(0);
    const printed = JSON.parse(l.stdout) as { tokens: number[]; logits: number[][] };
    const loaded = await loadCheckpoint(out);
    expect(loaded.tokenizer).toBeInstanceOf(BpeTokenizer);
    expect(printed.tokens).toEqual(expected.tokenizer.encode(prompt));
    expect(printed.tokens.length).toBeLessThan([...new TextEncoder().encode(prompt)].length); // merged, not raw bytes
    const logits = tf.tidy(() => loaded.model.forward(tf.tensor2d([printed.tokens], [1, printed.tokens.length], 'int32')).logits.squeeze([0]));
    expect(printed.logits).toEqual(await logits.array()); // bit-identical: same weights, same backend
    expect(printed.logits[0]).toHaveLength(280);
    logits.dispose();
    loaded.model.dispose();

    const s = await cli('sample', '--checkpoint', out, '--prompt', prompt, '--tokens', '6', '--seed', '2', '--backend', 'cpu');
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.startsWith(prompt)).toBe(true);
    expect(s.stdout.length).toBeGreaterThan(prompt.length + 1);
    const e = await cli('eval', '--checkpoint', out, '--corpus', corpus, '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).loss).toBeCloseTo(json.training.finalValLoss, 5);
  });
});
