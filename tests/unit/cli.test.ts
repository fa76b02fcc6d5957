import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@/lib/cli/main';

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
});
