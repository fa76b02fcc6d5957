// Validation loss and perplexity of checkpoints after round-to-nearest weight quantization,
// against float32 (issue 5's check: int8 within 2% perplexity). Prints a markdown table
// (docs/inference.md keeps the measured one) and, with --json, one JSON object per row.
//
//   npx tsx scripts/quantize-eval.ts [DIR:CORPUS …] [--backend wasm|cpu] [--json]
//
// Default pairs: the two shipped checkpoints and their corpora. The validation split is the
// corpus tail the checkpoint was validated on (its report's valTokens; else the last 10%).
import { readFile } from 'node:fs/promises';
import { initNodeBackend, type NodeBackendName } from '../lib/backend/node';
import { loadCheckpoint } from '../lib/model/checkpoint-node';
import { GPT } from '../lib/model/gpt';
import { INT4_GROUP32, INT8_PER_CHANNEL, quantizeWeights, type QuantScheme } from '../lib/model/quantize';
import { splitTrainVal } from '../lib/train/data';
import { evaluateStream } from '../lib/train/evaluate';

const DEFAULT_PAIRS = ['public/checkpoints/en-shakespeare:content/corpora/tiny-shakespeare.txt', 'public/checkpoints/zh-tang-poetry:content/corpora/tang-poetry.txt'];

interface Variant {
  label: string;
  scheme: QuantScheme | null;
  includeEmbeddings: boolean;
}

const VARIANTS: Variant[] = [
  { label: 'float32', scheme: null, includeEmbeddings: false },
  { label: 'int8 per channel', scheme: INT8_PER_CHANNEL, includeEmbeddings: false },
  { label: 'int8 per channel, + wte/wpe', scheme: INT8_PER_CHANNEL, includeEmbeddings: true },
  { label: 'int4 g32 asym', scheme: INT4_GROUP32, includeEmbeddings: false },
  { label: 'int4 g32 sym', scheme: { ...INT4_GROUP32, symmetric: true }, includeEmbeddings: false },
  { label: 'int4 g64 asym', scheme: { ...INT4_GROUP32, groupSize: 64 }, includeEmbeddings: false },
  { label: 'int4 g32 asym, + wte/wpe', scheme: INT4_GROUP32, includeEmbeddings: true },
  { label: 'int3 g32 asym', scheme: { ...INT4_GROUP32, bits: 3 }, includeEmbeddings: false },
  { label: 'int2 g32 asym', scheme: { ...INT4_GROUP32, bits: 2 }, includeEmbeddings: false },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const b = args.indexOf('--backend');
  const backend = await initNodeBackend((b >= 0 ? args[b + 1] : 'wasm') as NodeBackendName);
  const pairs = args.filter((a, i) => !a.startsWith('--') && (b < 0 || i !== b + 1));
  if (!json) console.log(`backend ${backend}\n`);
  for (const pair of pairs.length ? pairs : DEFAULT_PAIRS) {
    const [dir, corpus] = pair.split(':');
    if (!dir || !corpus) throw new Error(`expected DIR:CORPUS, got "${pair}"`);
    const { model, tokenizer, json: meta } = await loadCheckpoint(dir);
    const ids = Int32Array.from(tokenizer.encode(await readFile(corpus, 'utf8')));
    const valTokens = meta.training?.valTokens;
    const val = typeof valTokens === 'number' && valTokens > 0 && valTokens < ids.length ? ids.subarray(ids.length - valTokens) : splitTrainVal(ids, 0.1).val;
    const weights = await model.weights();
    model.dispose();
    const rows: string[] = [];
    let baseline = 0;
    for (const v of VARIANTS) {
      const q = v.scheme ? quantizeWeights(meta.config, weights, { scheme: v.scheme, includeEmbeddings: v.includeEmbeddings, histogramBins: 0 }) : null;
      const m = new GPT(meta.config, q?.weights ?? weights);
      const started = Date.now();
      const { loss, tokens } = await evaluateStream(m, val, 32);
      m.dispose();
      const ppl = Math.exp(loss);
      if (!v.scheme) baseline = ppl;
      const bytes = q?.totals.bytes ?? meta.weightsByteLength;
      const bits = q ? q.totals.bitsPerParam : 32;
      const delta = (100 * (ppl - baseline)) / baseline;
      const quantized = q?.tensors.filter((t) => t.quantized) ?? [];
      const maxErr = quantized.reduce((a, t) => Math.max(a, t.maxAbsError), 0);
      const meanErr = quantized.reduce((a, t) => a + t.meanAbsError * t.float32Bytes, 0) / Math.max(1, quantized.reduce((a, t) => a + t.float32Bytes, 0));
      if (json) {
        console.log(JSON.stringify({ checkpoint: dir, variant: v.label, bitsPerParam: bits, bytes, valLoss: loss, perplexity: ppl, deltaPct: delta, valTokens: tokens, maxAbsError: maxErr, meanAbsError: meanErr, seconds: (Date.now() - started) / 1000 }));
      } else {
        rows.push(`| ${v.label} | ${bits.toFixed(2)} | ${(bytes / 1024).toFixed(1)} KiB | ${loss.toFixed(4)} | ${ppl.toFixed(3)} | ${v.scheme ? (delta >= 0 ? '+' : '') + delta.toFixed(2) + '%' : '—'} | ${v.scheme ? maxErr.toExponential(1) + ' / ' + meanErr.toExponential(1) : '—'} |`);
      }
    }
    if (!json) {
      console.log(`${dir} (${meta.numParams.toLocaleString('en')} params, vocab ${meta.config.vocabSize}; ${val.length.toLocaleString('en')} validation tokens)\n`);
      console.log('| weights | bits/param | size | val loss | perplexity | Δ perplexity | max / mean abs error |');
      console.log('| --- | --- | --- | --- | --- | --- | --- |');
      console.log(rows.join('\n') + '\n');
    }
  }
}

await main();
