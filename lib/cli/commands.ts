// The four CLI commands (train, sample, eval, logits). Node only: they read corpora and write
// checkpoints; everything they compute comes from lib/model, lib/train and lib/sample.
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend, type NodeBackendName } from '../backend/node';
import { ConfigError, type GPTConfigInput, PRESETS, validateConfig } from '../model/config';
import { GPT } from '../model/gpt';
import { loadCheckpoint, saveCheckpoint } from '../model/checkpoint-node';
import type { TrainingReport } from '../model/checkpoint';
import { generate, temperatureTopKSampler } from '../sample/generate';
import { createRng } from '../sample/rng';
import { trainBpe } from '../tokenizer/bpe';
import { CharTokenizer } from '../tokenizer/char';
import type { Tokenizer } from '../tokenizer/types';
import { splitTrainVal } from '../train/data';
import { evaluateStream, unigramEntropy } from '../train/evaluate';
import { type StepMetrics, Trainer, TRAIN_DEFAULTS } from '../train/trainer';
import { type OptionSpec, type OptionSpecs, type ParsedOptions, UsageError } from './args';
import { checkpointDir, outputDir, readCorpus } from './paths';
import { ProgressBar } from './progress';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTTY: boolean;
  /** The words after `npm run gpt --`, to record in a checkpoint. */
  argv: string[];
}

const DEFAULT_BPE_VOCAB = 512;

const backendOption: OptionSpec = { kind: 'string', choices: ['wasm', 'cpu'], help: 'tfjs backend (default wasm)' };

export const TRAIN_OPTIONS: OptionSpecs = {
  corpus: { kind: 'string', required: true, help: 'UTF-8 text file to train on' },
  out: { kind: 'string', required: true, help: 'checkpoint directory to write (model.json + weights.bin)' },
  tokenizer: { kind: 'string', choices: ['char', 'bpe'], help: 'char: one token per character of the corpus; bpe: byte-level BPE trained on the train split (default char)' },
  'vocab-size': { kind: 'int', min: 257, max: 65_536, help: `BPE's target vocabulary: 256 bytes + merges (default ${DEFAULT_BPE_VOCAB}; only with --tokenizer bpe)` },
  config: { kind: 'string', help: `preset (${Object.keys(PRESETS).join(', ')}) or JSON, e.g. '{"preset":"small","dModel":96}' (default small)` },
  steps: { kind: 'int', min: 1, help: `optimiser steps (default ${TRAIN_DEFAULTS.steps})` },
  'batch-size': { kind: 'int', min: 1, help: `windows per batch (default ${TRAIN_DEFAULTS.batchSize})` },
  lr: { kind: 'number', min: 0, help: `peak learning rate (default ${TRAIN_DEFAULTS.learningRate})` },
  'min-lr': { kind: 'number', min: 0, help: 'learning rate at the end of the cosine (default lr/10)' },
  warmup: { kind: 'int', min: 0, help: `warm-up steps (default ${TRAIN_DEFAULTS.warmupSteps})` },
  'weight-decay': { kind: 'number', min: 0, help: `AdamW decoupled weight decay (default ${TRAIN_DEFAULTS.weightDecay})` },
  'grad-clip': { kind: 'number', min: 0, help: `clip global gradient norm, 0 = off (default ${TRAIN_DEFAULTS.gradClip})` },
  'grad-accum': { kind: 'int', min: 1, help: 'micro-batches per step (default 1)' },
  'eval-every': { kind: 'int', min: 0, help: `validation every N steps (default ${TRAIN_DEFAULTS.evalEvery})` },
  'eval-windows': { kind: 'int', min: 1, help: `fixed validation windows per evaluation (default ${TRAIN_DEFAULTS.evalWindows})` },
  'val-fraction': { kind: 'number', min: 0.001, max: 0.5, help: 'tail of the corpus kept for validation (default 0.1)' },
  seed: { kind: 'int', help: 'seed of weights, batches and dropout (default 0)' },
  dropout: { kind: 'number', min: 0, max: 0.9, help: 'dropout while training (overrides the config; default 0)' },
  'keep-best': { kind: 'flag', help: 'ship the weights of the evaluation with the lowest validation loss (early stopping, as nanoGPT)' },
  backend: backendOption,
};

export const SAMPLE_OPTIONS: OptionSpecs = {
  checkpoint: { kind: 'string', required: true, help: 'checkpoint directory' },
  prompt: { kind: 'string', required: true, help: 'text to continue' },
  tokens: { kind: 'int', min: 0, help: 'new tokens to generate (default 200)' },
  temperature: { kind: 'number', min: 0, help: 'softmax temperature, 0 = greedy (default 0.8)' },
  'top-k': { kind: 'int', min: 0, help: 'keep the K most likely tokens, 0 = all (default 0)' },
  seed: { kind: 'int', help: 'sampling seed (default 0)' },
  backend: backendOption,
};

export const EVAL_OPTIONS: OptionSpecs = {
  checkpoint: { kind: 'string', required: true, help: 'checkpoint directory' },
  corpus: { kind: 'string', required: true, help: 'UTF-8 text file' },
  split: { kind: 'string', choices: ['val', 'train', 'all'], help: 'which part of the corpus (default val: the tail, as in train)' },
  'val-fraction': { kind: 'number', min: 0.001, max: 0.5, help: 'must match training (default 0.1)' },
  'batch-size': { kind: 'int', min: 1, help: 'windows per forward pass (default 32)' },
  backend: backendOption,
};

export const LOGITS_OPTIONS: OptionSpecs = {
  checkpoint: { kind: 'string', required: true, help: 'checkpoint directory' },
  text: { kind: 'string', required: true, help: 'text to score (at most contextLength tokens)' },
  backend: backendOption,
};

/** Quote a word for a POSIX shell only when it needs it, so the recorded command is copy-pastable. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function resolveConfig(arg: string | undefined, vocabSize: number, seed: number | undefined, dropout?: number): ReturnType<typeof validateConfig> {
  const text = arg ?? 'small';
  let input: Record<string, unknown>;
  if (text.trim().startsWith('{')) {
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`option --config is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof input.preset === 'string') {
      const base = PRESETS[input.preset];
      if (!base) throw new UsageError(`option --config: unknown preset "${input.preset}" (known: ${Object.keys(PRESETS).join(', ')})`);
      const { preset: _preset, ...rest } = input;
      void _preset;
      input = { ...base, ...rest };
    }
  } else {
    const base = PRESETS[text];
    if (!base) throw new UsageError(`option --config: "${text}" is neither a preset (${Object.keys(PRESETS).join(', ')}) nor JSON`);
    input = { ...base };
  }
  if (input.vocabSize === undefined) input.vocabSize = vocabSize;
  if (seed !== undefined) input.seed = seed;
  if (dropout !== undefined) input.dropout = dropout;
  try {
    return validateConfig(input as unknown as GPTConfigInput, vocabSize);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`option --config: ${e.message}`);
    throw e;
  }
}

/**
 * The tokenizer `train` uses. BPE learns its merges from the text before the validation tail
 * (the same fraction as the token split), so the validation text plays no part in the vocabulary.
 */
function buildTokenizer(o: ParsedOptions, text: string, valFraction: number): { tokenizer: Tokenizer; describe: string } {
  const kind = (o.tokenizer as string | undefined) ?? 'char';
  if (kind === 'char') {
    if (o['vocab-size'] !== undefined) throw new UsageError('option --vocab-size applies only to --tokenizer bpe (a char vocabulary is the corpus\'s characters)');
    return { tokenizer: CharTokenizer.fromText(text), describe: 'char' };
  }
  const target = (o['vocab-size'] as number | undefined) ?? DEFAULT_BPE_VOCAB;
  const trainText = text.slice(0, Math.floor(text.length * (1 - valFraction)));
  const { tokenizer, merges, stoppedBecause } = trainBpe(trainText, target);
  const note = stoppedBecause === 'no-frequent-pair' ? ` (stopped early at ${tokenizer.vocabSize}: no pair occurs twice more)` : '';
  return { tokenizer, describe: `byte-level BPE, ${merges.length} merges learned on ${trainText.length} chars${note}` };
}

function encodeCorpus(tokenizer: Tokenizer, text: string, what: string): Int32Array {
  try {
    return Int32Array.from(tokenizer.encode(text));
  } catch (e) {
    throw new UsageError(`${what}: ${(e as Error).message}`);
  }
}

const fmt = (x: number) => x.toFixed(4);

export async function trainCommand(o: ParsedOptions, io: CliIO): Promise<void> {
  const corpusPath = o.corpus as string;
  const text = await readCorpus(corpusPath);
  const valFraction = (o['val-fraction'] as number | undefined) ?? 0.1;
  const { tokenizer, describe: tokenizerInfo } = buildTokenizer(o, text, valFraction);
  const config = resolveConfig(o.config as string | undefined, tokenizer.vocabSize, o.seed as number | undefined, o.dropout as number | undefined);
  const outDir = await outputDir(o.out as string);
  const split = splitTrainVal(encodeCorpus(tokenizer, text, 'corpus'), valFraction);
  // Characters per validation token: turns nats/token into nats/char, comparable across tokenizers.
  const valChars = [...tokenizer.decode(Array.from(split.val))].length;
  const backend = await initNodeBackend((o.backend as NodeBackendName | undefined) ?? 'wasm');
  const model = new GPT(config);
  const trainer = new Trainer(model, split, {
    ...(o.steps !== undefined && { steps: o.steps as number }),
    ...(o['batch-size'] !== undefined && { batchSize: o['batch-size'] as number }),
    ...(o.lr !== undefined && { learningRate: o.lr as number }),
    ...(o['min-lr'] !== undefined && { minLearningRate: o['min-lr'] as number }),
    ...(o.warmup !== undefined && { warmupSteps: o.warmup as number }),
    ...(o['weight-decay'] !== undefined && { weightDecay: o['weight-decay'] as number }),
    ...(o['grad-clip'] !== undefined && { gradClip: o['grad-clip'] as number }),
    ...(o['grad-accum'] !== undefined && { gradAccumSteps: o['grad-accum'] as number }),
    ...(o['eval-every'] !== undefined && { evalEvery: o['eval-every'] as number }),
    ...(o['eval-windows'] !== undefined && { evalWindows: o['eval-windows'] as number }),
    seed: (o.seed as number | undefined) ?? 0,
  });
  const unigram = unigramEntropy(split.val);
  io.stderr(
    `training ${model.numParams.toLocaleString('en-US')} parameters on ${backend}: ${JSON.stringify(config)}\n` +
      `corpus ${corpusPath}: ${text.length} chars; tokenizer ${tokenizerInfo}, vocab ${tokenizer.vocabSize}, train ${split.train.length} / val ${split.val.length} tokens; ` +
      `unigram entropy of val ${fmt(unigram)} nats/token\n`,
  );
  const command = ['npm', 'run', 'gpt', '--', ...io.argv].map(shellWord).join(' ');
  const started = Date.now();
  const evals: { step: number; trainLoss: number; valLoss: number }[] = [];
  const msPerStep: number[] = [];
  const bar = new ProgressBar(trainer.options.steps, { write: io.stderr, isTTY: io.stderrIsTTY });
  const report = (extra: Partial<TrainingReport>): TrainingReport => ({
    command,
    corpus: corpusPath,
    tokenizer: tokenizer.kind,
    backend,
    options: trainer.options,
    steps: trainer.step,
    tokensSeen: trainer.step * trainer.options.batchSize * trainer.options.gradAccumSteps * config.contextLength,
    trainTokens: split.train.length,
    valTokens: split.val.length,
    valChars,
    unigramValEntropy: unigram,
    lossUnit: 'nats/token',
    medianMsPerStep: median(msPerStep),
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
    evals,
    ...extra,
  });
  const onSignal = () => {
    bar.log('interrupted: stopping after this step and saving');
    trainer.cancel();
  };
  process.once('SIGINT', onSignal);
  let best = null as { step: number; valLoss: number; weights: Map<string, Float32Array> } | null;
  try {
    for await (const m of trainer.run()) {
      msPerStep.push(m.msPerStep);
      bar.update(m.step, `loss ${fmt(m.loss)} lr ${m.lr.toExponential(2)} | ${Math.round(m.msPerStep)} ms/step`);
      if (m.valLoss !== undefined) await onEval(m);
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  async function onEval(m: StepMetrics) {
    const trainLoss = await trainer.evaluate('train');
    evals.push({ step: m.step, trainLoss, valLoss: m.valLoss! });
    bar.log(`step ${m.step}: train ${fmt(trainLoss)} val ${fmt(m.valLoss!)} (unigram ${fmt(unigram)}) lr ${m.lr.toExponential(2)} ${Math.round(m.msPerStep)} ms/step`);
    if (o['keep-best']) {
      if (best && m.valLoss! >= best.valLoss) return;
      best = { step: m.step, valLoss: m.valLoss!, weights: await model.weights() };
    }
    // Saved as it goes, so an interrupted run still leaves a usable checkpoint.
    await saveCheckpoint(outDir, model, tokenizer, report({ partial: true, ...(best && { bestStep: best.step }) }));
  }
  bar.finish();
  if (best && best.step !== trainer.step) {
    io.stderr(`keeping the weights of step ${best.step} (lowest validation loss on the fixed windows, ${fmt(best.valLoss)})\n`);
    model.setWeights(best.weights);
  }
  io.stderr(`final evaluation over the whole train and validation splits…\n`);
  const finalTrain = await evaluateStream(model, split.train, 64);
  const finalVal = await evaluateStream(model, split.val, 64);
  const finalValLossPerChar = (finalVal.loss * split.val.length) / valChars;
  const json = await saveCheckpoint(
    outDir,
    model,
    tokenizer,
    report({ ...(best && { bestStep: best.step }), finalTrainLoss: finalTrain.loss, finalValLoss: finalVal.loss, ...(tokenizer.kind !== 'char' && { finalValLossPerChar }) }),
  );
  io.stderr(
    `done: ${trainer.step} steps in ${json.training!.wallSeconds} s; train ${fmt(finalTrain.loss)} / val ${fmt(finalVal.loss)} nats/token ` +
      `(unigram ${fmt(unigram)})${tokenizer.kind !== 'char' ? `, val ${fmt(finalValLossPerChar)} nats/char` : ''}; saved ${outDir}\n`,
  );
  trainer.dispose();
  model.dispose();
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
}

export async function sampleCommand(o: ParsedOptions, io: CliIO): Promise<void> {
  const dir = await checkpointDir(o.checkpoint as string);
  await initNodeBackend((o.backend as NodeBackendName | undefined) ?? 'wasm');
  const { model, tokenizer } = await loadCheckpoint(dir);
  const prompt = encodeCorpus(tokenizer, o.prompt as string, 'option --prompt');
  if (prompt.length === 0) throw new UsageError('option --prompt is empty');
  const ids = await generate(model, Array.from(prompt), {
    maxTokens: (o.tokens as number | undefined) ?? 200,
    sampler: temperatureTopKSampler((o.temperature as number | undefined) ?? 0.8, (o['top-k'] as number | undefined) ?? 0),
    rng: createRng((o.seed as number | undefined) ?? 0),
  });
  io.stdout((o.prompt as string) + tokenizer.decode(ids) + '\n');
  model.dispose();
}

export async function evalCommand(o: ParsedOptions, io: CliIO): Promise<void> {
  const dir = await checkpointDir(o.checkpoint as string);
  const text = await readCorpus(o.corpus as string);
  const backend = await initNodeBackend((o.backend as NodeBackendName | undefined) ?? 'wasm');
  const { model, tokenizer } = await loadCheckpoint(dir);
  const ids = encodeCorpus(tokenizer, text, 'option --corpus');
  const which = (o.split as string | undefined) ?? 'val';
  const split = splitTrainVal(ids, (o['val-fraction'] as number | undefined) ?? 0.1);
  const stream = which === 'all' ? ids : split[which as 'train' | 'val'];
  const { loss, tokens } = await evaluateStream(model, stream, (o['batch-size'] as number | undefined) ?? 32);
  io.stdout(JSON.stringify({ split: which, backend, tokens, loss, bitsPerToken: loss / Math.LN2, unigramEntropy: unigramEntropy(stream) }) + '\n');
  model.dispose();
}

export async function logitsCommand(o: ParsedOptions, io: CliIO): Promise<void> {
  const dir = await checkpointDir(o.checkpoint as string);
  await initNodeBackend((o.backend as NodeBackendName | undefined) ?? 'wasm');
  const { model, tokenizer } = await loadCheckpoint(dir);
  const tokens = Array.from(encodeCorpus(tokenizer, o.text as string, 'option --text'));
  if (tokens.length === 0) throw new UsageError('option --text is empty');
  if (tokens.length > model.config.contextLength) {
    throw new UsageError(`option --text is ${tokens.length} tokens; the model reads at most ${model.config.contextLength}`);
  }
  const logits = tf.tidy(() => model.forward(tf.tensor2d([tokens], [1, tokens.length], 'int32')).logits.squeeze([0]));
  const rows = (await logits.array()) as number[][];
  logits.dispose();
  io.stdout(JSON.stringify({ tokens, logits: rows }) + '\n');
  model.dispose();
}
