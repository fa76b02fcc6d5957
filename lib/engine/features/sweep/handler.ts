// The `sweep` feature's command handler: LiveScalingSweep (issue 7). Trains the plan's models one
// after another on the same text, with the same batch order and the same validation windows (one
// seed for all: Trainer draws batches and windows from it, and context and batch are shared), and
// reports each model's validation curve and final loss. Each model is disposed when it is done.
import { validateConfig } from '../../../model/config';
import { GPT } from '../../../model/gpt';
import { CharTokenizer } from '../../../tokenizer/index';
import { assertLongEnough, splitTrainVal } from '../../../train/data';
import { Trainer } from '../../../train/trainer';
import type { EngineContext, EngineFeature, RunControl } from '../../context';
import { readCorpus } from '../../corpus';
import { formatBytes, trainingMemoryBytes } from '../../estimates';
import { BadInputError, TooBigError } from '../../protocol';
import { configOf, evalSteps, modelCost, validatePlan } from './plan';
import { SWEEP_COMMANDS, type SweepCommand, type SweepResult } from './protocol';

/** Pause / resume / stop for a loop over several trainers: the state outlives each one. */
class SweepControl implements RunControl {
  trainer: Trainer | null = null;
  paused = false;
  cancelled = false;
  stepsDone = 0;
  get step() {
    return this.stepsDone;
  }
  attach(trainer: Trainer) {
    this.trainer = trainer;
    if (this.paused) trainer.pause();
    if (this.cancelled) trainer.cancel();
  }
  pause() {
    this.paused = true;
    this.trainer?.pause();
  }
  resume() {
    this.paused = false;
    this.trainer?.resume();
  }
  cancel() {
    this.cancelled = true;
    this.trainer?.cancel();
  }
}

async function runSweep(cmd: SweepCommand, ctx: EngineContext) {
  const { runId, plan } = cmd;
  try {
    validatePlan(plan);
  } catch (e) {
    throw new BadInputError((e as Error).message);
  }
  ctx.progress(runId, 'corpus', 0, 1, `reading ${cmd.corpus.name}`);
  const text = await readCorpus(cmd.corpus);
  const tokenizer = CharTokenizer.fromText(text);
  const split = splitTrainVal(tokenizer.encode(text), 0.1);
  assertLongEnough('train', split.train, plan.contextLength);
  if (split.val.length < plan.contextLength + 1) throw new BadInputError(`the validation split has ${split.val.length} tokens; context ${plan.contextLength} needs ${plan.contextLength + 1}`);
  const V = tokenizer.vocabSize;

  // Refuse before training anything if the largest model would not fit.
  const budget = ctx.report.memoryBudgetBytes;
  for (const m of plan.models) {
    const memory = trainingMemoryBytes({ config: configOf(m, plan.contextLength, V, plan.seed), batchSize: plan.batchSize });
    if (memory.total > budget) {
      throw new TooBigError(`the ${m.nLayer}-layer d ${m.dModel} model needs about ${formatBytes(memory.total)}; ${ctx.report.backend} allows ${formatBytes(budget)}`, memory.total, budget);
    }
  }

  const control = new SweepControl();
  ctx.beginRun(runId, control);
  const totalSteps = plan.models.reduce((s, m) => s + m.steps, 0);
  const costs = plan.models.map((_, i) => modelCost(plan, i, V));
  const totalFlops = costs.reduce((s, c) => s + c.trainingFlops, 0);
  // ETA from the pace per FLOP, measured on steps after each model's first two (step 1 compiles).
  let measuredMs = 0;
  let measuredFlops = 0;
  let flopsDone = 0;
  let pauseAfterStep = Boolean(cmd.startPaused);
  try {
    for (let i = 0; i < plan.models.length && !control.cancelled; i++) {
      const m = plan.models[i];
      const cost = costs[i];
      const config = validateConfig(configOf(m, plan.contextLength, V, plan.seed), V);
      const model = new GPT(config);
      const trainer = new Trainer(model, split, {
        steps: m.steps,
        batchSize: plan.batchSize,
        learningRate: m.learningRate ?? plan.learningRate,
        warmupSteps: Math.round(plan.warmupFraction * m.steps),
        weightDecay: plan.weightDecay,
        seed: plan.seed,
        evalEvery: 0, // evaluated below, at evalSteps
        evalWindows: plan.evalWindows,
      });
      control.attach(trainer);
      ctx.post({ type: 'sweep/model', runId, index: i, total: plan.models.length, params: cost.params, nonEmbeddingParams: cost.nonEmbeddingParams, steps: m.steps });
      const evalAt = new Set(evalSteps(plan, m));
      const flopsPerStep = cost.trainingFlops / m.steps;
      const startedAt = performance.now();
      let lastLoss = NaN;
      let valLoss = NaN;
      try {
        for await (const metrics of trainer.run()) {
          lastLoss = metrics.loss;
          control.stepsDone++;
          flopsDone += flopsPerStep;
          if (metrics.step > 2) {
            measuredMs += metrics.msPerStep;
            measuredFlops += flopsPerStep;
          }
          if (evalAt.has(metrics.step)) {
            valLoss = await trainer.evaluate('val');
            const tokens = metrics.step * plan.batchSize * plan.contextLength;
            ctx.post({ type: 'sweep/eval', runId, index: i, step: metrics.step, tokens, compute: 6 * cost.nonEmbeddingParams * tokens, valLoss });
          }
          ctx.post({ type: 'metrics', runId, metrics: { ...metrics } });
          const etaMs = measuredFlops > 0 ? (measuredMs / measuredFlops) * (totalFlops - flopsDone) : null;
          ctx.post({ type: 'progress', runId, phase: 'train', done: control.stepsDone, total: totalSteps, etaMs, message: `model ${i + 1} of ${plan.models.length} · step ${metrics.step} of ${m.steps}` });
          if (ctx.takePauseRequest() || pauseAfterStep) {
            pauseAfterStep = false;
            control.pause();
            ctx.post({ type: 'paused', runId, step: control.stepsDone });
          }
        }
        if (trainer.step === m.steps) {
          const result: SweepResult = {
            index: i,
            nLayer: m.nLayer,
            nHead: m.nHead,
            dModel: m.dModel,
            params: cost.params,
            nonEmbeddingParams: cost.nonEmbeddingParams,
            steps: m.steps,
            tokens: cost.tokens,
            compute: cost.compute,
            valLoss,
            trainLoss: lastLoss,
            seconds: (performance.now() - startedAt) / 1000,
          };
          ctx.post({ type: 'sweep/result', runId, result });
        }
      } finally {
        trainer.dispose();
        model.dispose();
        control.trainer = null;
      }
    }
  } finally {
    ctx.endRun(runId);
  }
  const stopped = control.stepsDone < totalSteps;
  ctx.post({ type: 'done', runId, reason: stopped ? 'stopped' : 'finished', steps: control.stepsDone });
}

export const sweepFeature: EngineFeature<SweepCommand> = {
  commands: SWEEP_COMMANDS,
  async handle(cmd, ctx) {
    if (cmd.type === 'sweep/run') return runSweep(cmd, ctx);
  },
};
