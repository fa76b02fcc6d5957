// The engine's worker half: runs lib/ (model, trainer, tokenizer, sampling) off the page's main
// thread and streams typed events back (./protocol.ts). One model lives here at a time: the one
// trained or loaded last, which `sample` and `save` use. ./worker.ts wires it to a Worker's
// messages; the client can also run it on the main thread where no worker is possible.
import { countParams, validateConfig } from '../model/config';
import { parseCheckpoint, serializeCheckpoint } from '../model/checkpoint';
import { GPT } from '../model/gpt';
import { generate, temperatureTopKSampler } from '../sample/generate';
import { createRng } from '../sample/rng';
import { CharTokenizer, encodeKnownChars, trainBpe } from '../tokenizer/index';
import type { Tokenizer } from '../tokenizer/types';
import { splitTrainVal } from '../train/data';
import { DivergenceError, Trainer } from '../train/trainer';
import { handleAttention } from './attention';
import type { EngineContext, HeldModel, PostEvent, RunControl } from './context';
import { featureFor } from './features/index';
import type { FeatureCommand } from './features/protocol';
import type { LoadedCheckpoint } from '../model/checkpoint-web';
import { loadCheckpointFromURL } from '../model/checkpoint-web';
import { selectBackend, watchDeviceLoss } from './backend';
import { readCorpus } from './corpus';
import { formatBytes, trainingMemoryBytes } from './estimates';
import {
  BadInputError,
  type BackendReport,
  classifyError,
  DeviceLostError,
  type CoreCommand,
  type EngineCommand,
  estimateEtaMs,
  isEngineCommand,
  type ModelSummary,
  type ResumePoint,
  type RunPhase,
  TooBigError,
  type TrainRequest,
} from './protocol';

export type { PostEvent } from './context';
let post: PostEvent = () => {};

let report: BackendReport | null = null;
let ready: Promise<BackendReport> | null = null;
let current: HeldModel | null = null;
let trainer: Trainer | null = null;
/** A pre-training run: what its step loop needs, so a `continue` can pick it up after a divergence. */
interface TrainRun {
  runId: number;
  trainer: Trainer;
  tokenizer: Tokenizer;
  /** Steps the model had before this run (a fine-tune's checkpoint steps). */
  stepsBefore: number;
  t: TrainRequest;
  promptId: number;
}
/** The run that diverged last, state kept (lib/train/rollback.ts) until another run or model replaces it. */
let diverged: TrainRun | null = null;
/** The long run pause / resume / step / stop reach: TrainingLab's trainer or a feature's loop. */
let running: { runId: number; control: RunControl } | null = null;
let activeRun: number | null = null;
let pauseAfterStep = false;
const checkpoints = new Map<string, Promise<LoadedCheckpoint>>();

/** What feature handlers (./features) see of the engine. */
const context: EngineContext = {
  post: (event, transfer) => post(event, transfer),
  get report() {
    if (!report) throw new BadInputError('the engine has no backend yet: "init" first');
    return report;
  },
  progress,
  held: () => current,
  hold: (next) => replaceModel(next),
  summary,
  checkpoint(url) {
    const key = url.replace(/\/+$/, '');
    let loading = checkpoints.get(key);
    if (!loading) {
      loading = loadCheckpointFromURL(key).catch((e: unknown) => {
        checkpoints.delete(key);
        throw new BadInputError(`the checkpoint at ${key} is not usable: ${(e as Error).message}`);
      });
      checkpoints.set(key, loading);
    }
    return loading;
  },
  beginRun(runId, control) {
    if (running || trainer) throw new BadInputError('a run is already going: stop it first');
    dropDiverged(); // the feature's loop may change the held model's weights under it
    running = { runId, control };
    activeRun = runId;
  },
  endRun(runId) {
    if (running?.runId !== runId) return;
    running = null;
    activeRun = null;
    pauseAfterStep = false;
  },
  takePauseRequest() {
    const requested = pauseAfterStep;
    pauseAfterStep = false;
    return requested;
  },
};

function summary(): ModelSummary {
  const { model, tokenizer, trainedSteps, trainTokens, valTokens } = current!;
  const c = model.config;
  return { params: model.numParams, vocabSize: c.vocabSize, tokenizer: tokenizer.kind, nLayer: c.nLayer, nHead: c.nHead, dModel: c.dModel, contextLength: c.contextLength, trainedSteps, trainTokens, valTokens };
}

function progress(runId: number, phase: RunPhase, done: number, total: number, message: string, startedAt?: number) {
  const etaMs = startedAt === undefined ? null : estimateEtaMs(done, total, performance.now() - startedAt);
  post({ type: 'progress', runId, phase, done, total, etaMs, message });
}

async function loadCheckpointFromUrl(url: string) {
  const base = url.endsWith('/') ? url : `${url}/`;
  const [jsonResponse, weightsResponse] = await Promise.all([fetch(`${base}model.json`), fetch(`${base}weights.bin`)]);
  if (!jsonResponse.ok || !weightsResponse.ok) throw new BadInputError(`could not fetch the checkpoint at ${base} (${jsonResponse.status}/${weightsResponse.status})`);
  try {
    return parseCheckpoint(await jsonResponse.json(), await weightsResponse.arrayBuffer());
  } catch (e) {
    throw new BadInputError(`the checkpoint at ${base} is not usable: ${(e as Error).message}`);
  }
}

function replaceModel(next: typeof current) {
  if (current && current.model !== next?.model) {
    dropDiverged();
    current.model.dispose();
  }
  current = next;
}

function dropDiverged() {
  diverged?.trainer.dispose();
  diverged = null;
}

async function train(cmd: Extract<EngineCommand, { type: 'train' }>) {
  const { runId } = cmd;
  activeRun = runId;
  pauseAfterStep = Boolean(cmd.startPaused);
  const budget = report!.memoryBudgetBytes;

  progress(runId, 'corpus', 0, 1, `reading ${cmd.corpus.name}`);
  const text = await readCorpus(cmd.corpus);
  if (text.length < 2 * (cmd.model.contextLength + 1) * 10) {
    throw new BadInputError(`the text has ${text.length} characters; it needs at least ${20 * (cmd.model.contextLength + 1)} for context ${cmd.model.contextLength} (train + validation)`);
  }

  // Tokenizer and weights: from a shipped checkpoint (fine-tune), the model loaded last, or new.
  let tokenizer: Tokenizer;
  let initial: Map<string, Float32Array> | undefined;
  let trainedSteps = 0;
  let shape = cmd.model;
  if (cmd.start.kind === 'checkpoint' || cmd.start.kind === 'loaded') {
    progress(runId, 'model', 0, 1, 'loading the checkpoint');
    if (cmd.start.kind === 'checkpoint') {
      const parsed = await loadCheckpointFromUrl(cmd.start.url);
      tokenizer = parsed.tokenizer;
      initial = parsed.weights;
      shape = { ...parsed.config, seed: parsed.config.seed };
      trainedSteps = Number(parsed.json.training?.steps ?? 0);
    } else {
      if (!current) throw new BadInputError('no model is loaded to continue from: load a saved model first');
      tokenizer = current.tokenizer;
      initial = await current.model.weights();
      shape = { ...current.model.config };
      trainedSteps = current.trainedSteps;
    }
  } else if (cmd.tokenizer.kind === 'bpe') {
    const target = cmd.tokenizer.vocabSize;
    progress(runId, 'tokenizer', 0, target - 256, `training a BPE tokenizer (${target} tokens)`);
    const startedAt = performance.now();
    tokenizer = trainBpe(text, target, {
      onMerge: (_merge, i) => {
        if (i % 64 === 0) progress(runId, 'tokenizer', i, target - 256, `BPE merge ${i + 1} of ${target - 256}`, startedAt);
      },
    }).tokenizer;
  } else {
    tokenizer = CharTokenizer.fromText(text);
  }

  progress(runId, 'tokenizer', 1, 1, 'encoding the text');
  // A fine-tuned char model cannot read characters outside its vocabulary: drop them, and say so.
  let usable = text;
  if (tokenizer.kind === 'char' && cmd.start.kind !== 'scratch') {
    const known = new Set(tokenizer.decode(Array.from({ length: tokenizer.vocabSize }, (_, i) => i)));
    usable = [...text].filter((c) => known.has(c)).join('');
  }
  const ids = tokenizer.encode(usable);
  const split = splitTrainVal(ids, 0.1);

  const config = validateConfig({ ...shape, vocabSize: tokenizer.vocabSize }, tokenizer.vocabSize);
  const memory = trainingMemoryBytes({ config, batchSize: cmd.train.batchSize });
  if (memory.total > budget) {
    throw new TooBigError(
      `this run needs about ${formatBytes(memory.total)} (weights ${formatBytes(memory.weights)} + gradients ${formatBytes(memory.grads)} + Adam ${formatBytes(memory.adam)} + activations ${formatBytes(memory.activations)}); ${report!.backend} allows ${formatBytes(budget)}. Lower batch, context, width or layers.`,
      memory.total,
      budget,
    );
  }
  progress(runId, 'model', 0, 1, `building a ${countParams(config).toLocaleString('en')}-parameter model`);
  trainer?.dispose();
  trainer = null;
  replaceModel({ model: new GPT(config, initial), tokenizer, trainedSteps, trainTokens: split.train.length, valTokens: split.val.length });
  post({ type: 'model', runId, summary: summary() });

  const t = cmd.train;
  trainer = new Trainer(current!.model, split, {
    steps: t.steps,
    batchSize: t.batchSize,
    learningRate: t.learningRate,
    warmupSteps: Math.min(t.warmupSteps, t.steps),
    weightDecay: t.weightDecay,
    seed: t.seed,
    evalEvery: t.evalEvery,
    evalWindows: Math.min(64, Math.max(t.batchSize, 16)),
  });
  progress(runId, 'compile', 0, t.steps, report!.backend === 'webgpu' ? 'first step (compiling shaders)' : 'first step');
  await stepLoop({ runId, trainer, tokenizer, stepsBefore: trainedSteps, t, promptId: split.val[0] });
}

/**
 * Run `run.trainer` to its last step, streaming metrics, progress and samples. On a divergence
 * the run is kept in `diverged` (its trainer not disposed) and the error goes on to dispatch.
 */
async function stepLoop(run: TrainRun) {
  const { runId, tokenizer, t, promptId } = run;
  const live = run.trainer;
  trainer = live;
  running = { runId, control: live };
  activeRun = runId;
  const firstStep = live.step + 1;
  let firstStepDoneAt = 0;
  let steps = live.step;
  try {
    for await (const m of live.run()) {
      steps = m.step;
      current!.trainedSteps = run.stepsBefore + m.step;
      if (m.step === firstStep) firstStepDoneAt = performance.now();
      post({ type: 'metrics', runId, metrics: { ...m } });
      // ETA from the steps after this loop's first (shader compilation makes step 1 much slower).
      const after = m.step - firstStep;
      const eta = after >= 2 ? ((performance.now() - firstStepDoneAt) / after) * (t.steps - m.step) : null;
      post({ type: 'progress', runId, phase: 'train', done: m.step, total: t.steps, etaMs: eta, message: `step ${m.step} of ${t.steps}` });
      if (t.sampleEvery > 0 && (m.step % t.sampleEvery === 0 || m.step === t.steps)) {
        const out = await generate(current!.model, [promptId], { maxTokens: t.sampleTokens, sampler: temperatureTopKSampler(0.8), rng: createRng(t.seed + m.step) });
        post({ type: 'sample', runId, step: m.step, prompt: tokenizer.decode([promptId]), text: tokenizer.decode(out) });
      }
      if (pauseAfterStep) {
        pauseAfterStep = false;
        live.pause();
        post({ type: 'paused', runId, step: m.step });
      }
    }
  } catch (error) {
    if (error instanceof DivergenceError) diverged = run;
    else live.dispose();
    throw error;
  } finally {
    trainer = null;
    running = null;
    activeRun = null;
  }
  live.dispose();
  post({ type: 'done', runId, reason: steps < t.steps ? 'stopped' : 'finished', steps });
}

/** `continue`: undo the diverged run's last update, set the new peak rate, and run on. */
function continueDiverged(cmd: Extract<CoreCommand, { type: 'continue' }>) {
  if (running || trainer) throw new BadInputError('a run is already going: stop it first');
  const run = diverged;
  if (!run || run.runId !== cmd.runId) {
    throw new BadInputError(`run ${cmd.runId} has no kept state to continue from: only the run that diverged last keeps one, until another run or model replaces it`);
  }
  if (!(cmd.learningRate > 0) || !Number.isFinite(cmd.learningRate)) {
    throw new BadInputError(`continue: learningRate = ${cmd.learningRate} — must be a finite number > 0`);
  }
  if (run.trainer.undoableTo === null) throw new BadInputError(`run ${cmd.runId} diverged before any update was applied: there is no step to redo, train again`);
  diverged = null;
  run.trainer.retune({ learningRate: cmd.learningRate });
  const kept = run.trainer.undoLastStep();
  current!.trainedSteps = run.stepsBefore + kept;
  progress(cmd.runId, 'train', kept, run.t.steps, `continuing from step ${kept + 1} at learning rate ${cmd.learningRate}`);
  return stepLoop(run);
}

/** What a `diverged` error says about continuing, when the run's state was kept. */
function resumePoint(error: unknown, runId: number | null): ResumePoint | undefined {
  if (!(error instanceof DivergenceError) || !diverged || diverged.runId !== runId) return undefined;
  const undoable = diverged.trainer.undoableTo;
  if (undoable === null) return undefined;
  return { divergedStep: error.step, fromStep: undoable + 1, peakLearningRate: diverged.trainer.options.learningRate };
}

async function handle(cmd: EngineCommand) {
  if (cmd.type === 'init') {
    ready = selectBackend(cmd.backend, cmd.wasmPath, cmd.backendCache);
    report = await ready;
    watchDeviceLoss((message) => {
      deviceLost = message;
      running?.control.cancel();
      // A command failing on the lost device reports it itself (dispatch); an idle engine does here.
      if (inFlight === 0) reportDeviceLoss(activeRun);
    });
    post({ type: 'ready', report });
    return;
  }
  if (!ready) throw new BadInputError(`"${cmd.type}" before "init": the engine has no backend yet`);
  await ready;
  if (deviceLost) throw new DeviceLostError(`${deviceLost} — restart the engine on another backend`);
  const feature = featureFor(cmd.type);
  if (feature) return feature(cmd as FeatureCommand, context);
  const core = cmd as CoreCommand;
  switch (core.type) {
    case 'train':
      if (running || trainer) throw new BadInputError('a run is already going: stop it first');
      dropDiverged();
      return train(core);
    case 'pause':
      if (running) {
        running.control.pause();
        post({ type: 'paused', runId: running.runId, step: running.control.step });
      }
      return;
    case 'resume':
      running?.control.resume();
      return;
    case 'step':
      if (running) {
        pauseAfterStep = true;
        running.control.resume();
      }
      return;
    case 'stop':
      running?.control.cancel();
      return;
    case 'continue':
      return continueDiverged(core);
    case 'sample': {
      if (!current) throw new BadInputError('no model yet: train or load one first');
      const { tokenizer, model } = current;
      const known = core.prompt ? encodeKnownChars(tokenizer, core.prompt) : [];
      const prompt = known.length > 0 ? known : [0];
      const out = await generate(model, prompt, { maxTokens: core.tokens, sampler: temperatureTopKSampler(core.temperature), rng: createRng(core.seed) });
      post({ type: 'sample', runId: -1, step: current.trainedSteps, prompt: tokenizer.decode(prompt), text: tokenizer.decode(out) });
      return;
    }
    case 'save': {
      if (!current) throw new BadInputError('no model to save yet: train or load one first');
      const { json, weights } = serializeCheckpoint(current.model.config, await current.model.weights(), current.tokenizer.toJSON(), {
        steps: current.trainedSteps,
        backend: report!.backend,
        command: 'TrainingLab (Live LLM Book)',
      });
      const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
      post({ type: 'checkpoint', modelJson: JSON.stringify(json), weights: buffer }, [buffer]);
      return;
    }
    case 'load': {
      if (running || trainer) throw new BadInputError('stop the run before loading a model');
      let raw: unknown;
      try {
        raw = JSON.parse(core.modelJson);
      } catch {
        throw new BadInputError('model.json is not valid JSON');
      }
      let parsed;
      try {
        parsed = parseCheckpoint(raw, core.weights);
      } catch (e) {
        throw new BadInputError((e as Error).message);
      }
      replaceModel({ model: new GPT(parsed.config, parsed.weights), tokenizer: parsed.tokenizer, trainedSteps: Number(parsed.json.training?.steps ?? 0) });
      post({ type: 'loaded', summary: summary() });
      return;
    }
    case 'attention': {
      const maps = await handleAttention(core, context.checkpoint, current);
      return post({ type: 'attention', ...maps }, maps.layers.map((l) => l.buffer as ArrayBuffer));
    }
  }
}


/** The engine's message handler; `send` receives every event (one engine per worker). */
export function createEngine(send: PostEvent): (message: unknown) => void {
  post = send;
  return (message) => {
    if (!isEngineCommand(message)) return;
    dispatch(message);
  };
}

/** The WebGPU device's loss message, once it is lost (every tensor on it is gone with it). */
let deviceLost: string | null = null;
let deviceLossReported = false;
let inFlight = 0;

function reportDeviceLoss(runId: number | null) {
  if (deviceLossReported) return;
  deviceLossReported = true;
  post({ type: 'error', runId, code: 'device-lost', message: deviceLost ?? 'WebGPU device lost' });
}

/**
 * After a crash of the GPU process the first thing to fail is often a buffer read ("mapAsync …
 * no longer exists"), a moment before `device.lost` resolves: give the loss that moment so the
 * widget hears "device lost" (and offers another backend) rather than an obscure engine error.
 */
async function lostDeviceBehind(error: unknown): Promise<boolean> {
  if (error instanceof DeviceLostError || classifyError(error).code === 'device-lost') {
    deviceLost ??= (error as Error).message;
    return true;
  }
  if (report?.backend !== 'webgpu') return false;
  for (let waited = 0; !deviceLost && waited < 1000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  return deviceLost !== null;
}

function dispatch(cmd: EngineCommand) {
  const runId = cmd.type === 'train' ? cmd.runId : 'runId' in cmd && typeof cmd.runId === 'number' ? cmd.runId : activeRun;
  inFlight++;
  handle(cmd)
    .then(() => {
      if (deviceLost) reportDeviceLoss(runId); // a run cancelled by the loss ends quietly: say why
    })
    .catch(async (error: unknown) => {
      if (cmd.type === 'train') {
        trainer?.dispose();
        trainer = null;
      }
      if (running?.runId === runId || cmd.type === 'train') {
        running = null;
        activeRun = null;
      }
      if (await lostDeviceBehind(error)) return reportDeviceLoss(runId);
      const resume = resumePoint(error, runId);
      post({ type: 'error', runId, ...classifyError(error), ...(resume ? { resume } : {}) });
    })
    .finally(() => inFlight--);
}
