// The `lora` feature's command handler (LoRALab). One session per worker: a shipped checkpoint
// copied into a base GPT (frozen; the adapter is applied on it), the fine-tuning text, the current
// adapter, and — after a side-by-side run — a fully fine-tuned copy. Both runs use the same
// Trainer, data split, seed and so the same batches; only `trainable` differs (the adapter's A
// and B vs every weight). Events and shapes: ./protocol.ts; decisions: docs/lora-lab.md.
import * as tf from '@tensorflow/tfjs';
import { modelHash } from '../../../model/checkpoint';
import { GPT } from '../../../model/gpt';
import { LoraAdapter, mergeAdapter, unmergeAdapter } from '../../../model/lora';
import { serializeAdapter, adapterFromFile } from '../../../model/lora-file';
import { loraLinears } from '../../../model/lora-shapes';
import { generate, temperatureTopKSampler } from '../../../sample/generate';
import { createRng } from '../../../sample/rng';
import { addClauseCounts, countClauses } from '../../../text/clauses';
import { encodeKnownChars } from '../../../tokenizer/index';
import type { Tokenizer } from '../../../tokenizer/types';
import { randomStarts, splitTrainVal, type TokenSplit, windowsAt } from '../../../train/data';
import { Trainer } from '../../../train/trainer';
import type { EngineContext, EngineFeature, RunControl } from '../../context';
import { BadInputError } from '../../protocol';
import { readCorpus } from '../../corpus';
import { LORA_COMMANDS, type LoraAdapterInfo, type LoraCommand, type LoraMode, type LoraSample, type LoraSampleRequest } from './protocol';
import { singularValues } from './singular-values';

/** Fixed validation windows every "loss now" reading averages over (one forward pass). */
const EVAL_WINDOWS = 16;

interface Session {
  url: string;
  /** Our own copy of the checkpoint (the cached one is shared and never changed). */
  base: GPT;
  /** The checkpoint's weights as loaded: the full run's start, and an exact unmerge. */
  baseWeights: Map<string, Float32Array>;
  baseHash: string;
  tokenizer: Tokenizer;
  split: TokenSplit;
  evalStarts: number[];
  adapter: LoraAdapter | null;
  adapterSource: 'trained' | 'loaded';
  mode: LoraMode;
  full: GPT | null;
  /** A run is going: the weights and the adapter must not change under it. */
  training: boolean;
}

let session: Session | null = null;

function need(): Session {
  if (!session) throw new BadInputError('no checkpoint is open for LoRA yet: "lora/open" first');
  return session;
}

/** The session, when nothing is training on it (switching, loading or reopening mid-run would pull the weights from under the trainer). */
function idle(): Session {
  const s = need();
  if (s.training) throw new BadInputError('a LoRA run is going: stop it first');
  return s;
}

function needAdapter(s: Session): LoraAdapter {
  if (!s.adapter) throw new BadInputError('there is no adapter yet: train one or load an adapter file first');
  return s.adapter;
}

/** Mean next-token loss of `model` on the session's fixed validation windows. */
async function valLoss(model: GPT, s: Session): Promise<number> {
  const { inputs, targets } = windowsAt(s.split.val, s.evalStarts, model.config.contextLength);
  const loss = model.loss(inputs, targets);
  const value = (await loss.data())[0];
  tf.dispose([inputs, targets, loss]);
  return value;
}

const MAX_CLAUSE_SAMPLES = 8;

async function sampleFrom(model: GPT, s: Session, req: LoraSampleRequest): Promise<LoraSample> {
  const known = req.prompt ? encodeKnownChars(s.tokenizer, req.prompt) : [];
  const prompt = known.length > 0 ? known.slice(-(model.config.contextLength - 1)) : [s.split.val[0]];
  const tokens = Math.max(1, Math.min(400, Math.round(req.tokens)));
  const once = async (seed: number) => s.tokenizer.decode(await generate(model, prompt, { maxTokens: tokens, sampler: temperatureTopKSampler(req.temperature), rng: createRng(seed) }));
  const text = await once(req.seed);
  const out: LoraSample = { prompt: s.tokenizer.decode(prompt), text };
  if (req.clauses) {
    const { length, samples } = req.clauses;
    if (!Number.isInteger(samples) || samples < 1 || samples > MAX_CLAUSE_SAMPLES) throw new BadInputError(`clauses.samples = ${samples} must be an integer in 1…${MAX_CLAUSE_SAMPLES}`);
    if (!Number.isInteger(length) || length < 1 || length > 20) throw new BadInputError(`clauses.length = ${length} must be an integer in 1…20`);
    // The prompt is part of the poem's first clause, so it is counted with the text.
    const counts = [countClauses(out.prompt + text, length)];
    for (let i = 1; i < samples; i++) counts.push(countClauses(out.prompt + (await once(req.seed + i)), length));
    out.clauses = { length, samples, ...addClauseCounts(counts) };
  }
  return out;
}

function adapterInfo(s: Session): LoraAdapterInfo | null {
  const a = s.adapter;
  if (!a) return null;
  return { ...a.config, trainableParams: a.numParams, linears: loraLinears(a.modelConfig, a.config), source: s.adapterSource };
}

/**
 * Put the LoRA side in `mode`. Leaving `merged` restores the checkpoint's weights exactly (a copy
 * kept at open) rather than subtracting ΔW again, which would leave float32 rounding in W.
 */
function switchMode(s: Session, mode: LoraMode): number {
  const start = performance.now();
  const adapter = s.adapter;
  if (mode !== 'off' && !adapter) throw new BadInputError('there is no adapter to switch on or merge: train one or load an adapter file first');
  if (s.mode === 'merged' && mode !== 'merged' && adapter) {
    unmergeAdapter(s.base, adapter);
    s.base.setWeights(s.baseWeights);
  }
  if (mode === 'off') s.base.setAdapter(null);
  else if (mode === 'on') s.base.setAdapter(adapter);
  else if (s.mode !== 'merged') mergeAdapter(s.base, adapter!); // also detaches it: W now holds ΔW
  s.mode = mode;
  return performance.now() - start;
}

async function postState(ctx: EngineContext, s: Session, req: LoraSampleRequest, switchMs: number | null) {
  const full = s.full ? { valLoss: await valLoss(s.full, s), sample: await sampleFrom(s.full, s, req) } : null;
  ctx.post({ type: 'lora/state', mode: s.mode, adapter: adapterInfo(s), valLoss: await valLoss(s.base, s), sample: await sampleFrom(s.base, s, req), full, switchMs });
}

function closeSession() {
  if (!session) return;
  session.adapter?.dispose();
  session.full?.dispose();
  session.base.dispose();
  session = null;
}

async function open(cmd: Extract<LoraCommand, { type: 'lora/open' }>, ctx: EngineContext) {
  ctx.progress(0, 'model', 0, 2, 'loading the checkpoint');
  const checkpoint = await ctx.checkpoint(cmd.checkpointUrl);
  const text = await readCorpus(cmd.corpus);
  const tokenizer = checkpoint.tokenizer;
  const ids = tokenizer.kind === 'char' ? encodeKnownChars(tokenizer, text) : tokenizer.encode(text);
  const T = checkpoint.model.config.contextLength;
  if (ids.length < 12 * (T + 1)) {
    throw new BadInputError(`the text has ${ids.length} characters the checkpoint knows; fine-tuning needs at least ${12 * (T + 1)} (train + validation windows of ${T})`);
  }
  ctx.progress(0, 'model', 1, 2, 'hashing the base weights');
  if (session?.training) throw new BadInputError('a LoRA run is going: stop it first');
  closeSession();
  const baseWeights = await checkpoint.model.weights();
  const base = new GPT(checkpoint.model.config, baseWeights);
  const split = splitTrainVal(ids, 0.1);
  const s: Session = {
    url: cmd.checkpointUrl,
    base,
    baseWeights,
    baseHash: await modelHash(base),
    tokenizer,
    split,
    evalStarts: randomStarts(split.val, EVAL_WINDOWS, T, createRng(1)),
    adapter: null,
    adapterSource: 'trained',
    mode: 'off',
    full: null,
    training: false,
  };
  session = s;
  const c = base.config;
  const characters = [...text].length;
  // The base alone, measured once: `lora/opened` and the first `lora/state` (mode off, no adapter)
  // show the same numbers (a second pass costs seconds on a slow backend such as SwiftShader).
  const before = { valLoss: await valLoss(base, s), sample: await sampleFrom(base, s, cmd.sample) };
  ctx.post({
    type: 'lora/opened',
    checkpointUrl: cmd.checkpointUrl,
    baseHash: s.baseHash,
    model: { params: base.numParams, vocabSize: c.vocabSize, nLayer: c.nLayer, nHead: c.nHead, dModel: c.dModel, mlpRatio: c.mlpRatio, contextLength: c.contextLength },
    corpus: { name: cmd.corpus.name, characters, droppedCharacters: tokenizer.kind === 'char' ? characters - ids.length : 0, trainTokens: split.train.length, valTokens: split.val.length },
    before,
  });
  ctx.progress(0, 'model', 2, 2, 'ready');
  ctx.post({ type: 'lora/state', mode: s.mode, adapter: null, valLoss: before.valLoss, sample: before.sample, full: null, switchMs: null });
}

async function train(cmd: Extract<LoraCommand, { type: 'lora/train' }>, ctx: EngineContext) {
  const s = idle();
  const { runId, train: t } = cmd;
  let adapter: LoraAdapter;
  try {
    adapter = new LoraAdapter(s.base.config, cmd.adapter);
  } catch (e) {
    throw new BadInputError((e as Error).message);
  }
  // A fresh run: back to the checkpoint's weights, the new adapter on top, a new full copy.
  switchMode(s, 'off');
  s.adapter?.dispose();
  s.adapter = adapter;
  s.adapterSource = 'trained';
  switchMode(s, 'on');
  s.full?.dispose();
  s.full = cmd.full ? new GPT(s.base.config, s.baseWeights) : null;

  const common = { steps: t.steps, batchSize: t.batchSize, warmupSteps: Math.min(t.warmupSteps, t.steps), weightDecay: 0, seed: t.seed, evalEvery: t.evalEvery, evalWindows: EVAL_WINDOWS };
  const loraTrainer = new Trainer(s.base, s.split, { ...common, learningRate: t.learningRate, trainable: adapter.params });
  const fullTrainer = s.full ? new Trainer(s.full, s.split, { ...common, learningRate: t.fullLearningRate }) : null;
  const control: RunControl = {
    pause: () => [loraTrainer, fullTrainer].forEach((x) => x?.pause()),
    resume: () => [loraTrainer, fullTrainer].forEach((x) => x?.resume()),
    cancel: () => [loraTrainer, fullTrainer].forEach((x) => x?.cancel()),
    get step() {
      return loraTrainer.step;
    },
  };
  ctx.beginRun(runId, control);
  s.training = true;
  const loraRun = loraTrainer.run();
  const fullRun = fullTrainer?.run();
  let steps = 0;
  let firstDoneAt = 0;
  try {
    ctx.progress(runId, 'compile', 0, t.steps, 'first step');
    for (;;) {
      const a = await loraRun.next();
      if (a.done) break;
      ctx.post({ type: 'lora/metrics', runId, run: 'lora', metrics: { ...a.value } });
      const b = fullRun ? await fullRun.next() : null;
      if (b && !b.done) ctx.post({ type: 'lora/metrics', runId, run: 'full', metrics: { ...b.value } });
      steps = a.value.step;
      if (steps === 1) {
        firstDoneAt = performance.now();
        ctx.post({
          type: 'lora/budget',
          runId,
          lora: { trainableParams: adapter.numParams, optimizerBytes: loraTrainer.optimizerState.bytes },
          full: fullTrainer && s.full ? { trainableParams: s.full.numParams, optimizerBytes: fullTrainer.optimizerState.bytes } : null,
        });
      }
      const eta = steps >= 3 ? ((performance.now() - firstDoneAt) / (steps - 1)) * (t.steps - steps) : null;
      ctx.post({ type: 'progress', runId, phase: 'train', done: steps, total: t.steps, etaMs: eta, message: `step ${steps} of ${t.steps}` });
      // Presenter's "one step": from idle (startPaused) or while paused (the core `step`).
      if (ctx.takePauseRequest() || (cmd.startPaused && steps === 1)) {
        control.pause();
        ctx.post({ type: 'paused', runId, step: steps });
      }
    }
  } finally {
    await fullRun?.return(undefined);
    loraTrainer.dispose();
    fullTrainer?.dispose();
    s.training = false;
    ctx.endRun(runId);
  }
  ctx.post({ type: 'lora/done', runId, reason: steps < t.steps ? 'stopped' : 'finished', steps });
  await postState(ctx, s, cmd.sample, null);
}

async function delta(cmd: Extract<LoraCommand, { type: 'lora/delta' }>, ctx: EngineContext) {
  const s = need();
  const adapter = needAdapter(s);
  const linear = loraLinears(adapter.modelConfig, adapter.config).find((l) => l.name === cmd.linear);
  if (!linear) throw new BadInputError(`the adapter does not cover "${cmd.linear}" (it covers ${adapter.linears.join(', ')})`);
  const w = adapter.deltaWeight(linear.name); // [in, out]
  const values = (await w.data()) as Float32Array;
  w.dispose();
  const sv = singularValues(values, linear.nIn, linear.nOut);
  ctx.post({ type: 'lora/delta', linear: linear.name, rows: linear.nIn, cols: linear.nOut, r: adapter.config.r, values, singularValues: sv }, [values.buffer as ArrayBuffer]);
}

async function save(ctx: EngineContext) {
  const s = need();
  // A's and B's values do not change when merged, and the base hash is the checkpoint's (kept at open).
  const { json, bytes } = await serializeAdapter(needAdapter(s), s.baseHash, { command: 'LoRALab (Live LLM Book)', corpus: s.url, backend: ctx.report.backend });
  const adapterBin = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  ctx.post({ type: 'lora/adapter', adapterJson: JSON.stringify(json, null, 1), adapterBin, baseHash: s.baseHash }, [adapterBin]);
}

async function load(cmd: Extract<LoraCommand, { type: 'lora/load' }>, ctx: EngineContext) {
  const s = idle();
  let raw: unknown;
  try {
    raw = JSON.parse(cmd.adapterJson);
  } catch {
    throw new BadInputError('adapter.json is not valid JSON');
  }
  switchMode(s, 'off'); // the hash check reads the base's weights: they must be the checkpoint's
  let adapter: LoraAdapter;
  try {
    adapter = await adapterFromFile(s.base, raw, cmd.adapterBin);
  } catch (e) {
    throw new BadInputError((e as Error).message);
  }
  s.adapter?.dispose();
  s.adapter = adapter;
  s.adapterSource = 'loaded';
  await postState(ctx, s, cmd.sample, switchMode(s, 'on'));
}

export const loraFeature: EngineFeature<LoraCommand> = {
  commands: LORA_COMMANDS,
  async handle(cmd, ctx) {
    switch (cmd.type) {
      case 'lora/open':
        return open(cmd, ctx);
      case 'lora/train':
        return train(cmd, ctx);
      case 'lora/mode': {
        const s = idle();
        return postState(ctx, s, cmd.sample, switchMode(s, cmd.mode));
      }
      case 'lora/delta':
        return delta(cmd, ctx);
      case 'lora/save':
        return save(ctx);
      case 'lora/load':
        return load(cmd, ctx);
    }
  },
};
