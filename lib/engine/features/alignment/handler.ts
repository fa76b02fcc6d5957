// The `alignment` feature's command handler: SFTLab and DPOLab (issue 6). Both start from a
// shipped checkpoint (cached by the engine; never trained in place: its weights are copied into
// a new GPT) and a shipped dataset, laid out by the library's chat template (lib/train/sft.ts).
//   alignment/template  one row, token by token, with the library's loss mask
//   alignment/sft       answers before → masked SFT steps → answers after
//   alignment/dpo       property before → DPO steps (reference = the checkpoint itself) → property after
import * as tf from '@tensorflow/tfjs';
import type { GPT } from '../../../model/gpt';
import { GPT as GPTModel } from '../../../model/gpt';
import { generate, temperatureTopKSampler } from '../../../sample/generate';
import { createRng } from '../../../sample/rng';
import type { Tokenizer } from '../../../tokenizer/types';
import { type DPOOptions, DPOTrainer, type FormattedPreference, formatPreference, preferenceBatch } from '../../../train/dpo';
import { disposeBatch, sequenceLogProbs, targetLogProbs } from '../../../train/logprobs';
import { ObjectiveOptimizer } from '../../../train/objective';
import { rewindableRng } from '../../../train/rollback';
import { type ChatTemplate, type FormattedExample, formatExample, maskedLoss, sampleExamples, sftBatch } from '../../../train/sft';
import type { EngineContext, EngineFeature } from '../../context';
import { formatBytes, trainingMemoryBytes } from '../../estimates';
import { BadInputError, TooBigError } from '../../protocol';
import { clauseLengths, hasTaughtForm, parsePreferences, parseSft, TEMPLATES } from './data';
import { ALIGNMENT_COMMANDS, type AlignmentCommand, type AnswerMessage, type ShownPair } from './protocol';
import { LoopControl } from '../../loop-control';

type Cmd<T extends AlignmentCommand['type']> = Extract<AlignmentCommand, { type: T }>;

/** Rows of an SFT set kept out of training (at most a fifth of it), for the held-out answer loss. */
const SFT_HELD_OUT = 16;

/** The DPO trainer of the run in progress, so `alignment/set-beta` can reach it. */
let dpoRun: { runId: number; trainer: DPOTrainer } | null = null;

async function fetchText(url: string, what: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new BadInputError(`could not fetch the ${what} at ${url}: ${(e as Error).message}`);
  }
  if (!response.ok) throw new BadInputError(`could not fetch the ${what} at ${url} (${response.status} ${response.statusText})`);
  return response.text();
}

const datasetName = (url: string) => url.split('/').pop() || url;

/** Lay out a row; a character the checkpoint cannot read is a bad-input error naming the row. */
function format(template: ChatTemplate, tokenizer: Tokenizer, pair: { prompt: string; response: string }, row: number): FormattedExample {
  try {
    return formatExample(template, tokenizer, pair);
  } catch (e) {
    throw new BadInputError(`dataset row ${row + 1}: ${(e as Error).message}`);
  }
}

/** With the prompt unmasked, every target of the text counts: the same ids with a prompt of one token. */
const lossView = (ex: FormattedExample, maskPrompt: boolean): FormattedExample => (maskPrompt ? ex : { ids: ex.ids, promptLength: 1 });

/** A trainable copy of the shipped checkpoint (the cached one is shared: never train or dispose it). */
async function copyOf(model: GPT): Promise<GPT> {
  return new GPTModel(model.config, await model.weights());
}

function checkMemory(ctx: EngineContext, model: GPT, batchRows: number) {
  const memory = trainingMemoryBytes({ config: model.config, batchSize: batchRows });
  const budget = ctx.report.memoryBudgetBytes;
  if (memory.total > budget) throw new TooBigError(`this run needs about ${formatBytes(memory.total)}; ${ctx.report.backend} allows ${formatBytes(budget)}. Lower the batch.`, memory.total, budget);
}

/** Answers to `prompts` (seeded; the same seed before and after training, so only the model differs). */
async function answer(model: GPT, tokenizer: Tokenizer, template: ChatTemplate, prompts: string[], maxTokens: number, seed: number): Promise<string[]> {
  const endIds = tokenizer.encode(template.end);
  const out: string[] = [];
  for (const [i, prompt] of prompts.entries()) {
    let ids: number[];
    try {
      ids = tokenizer.encode(template.user + prompt + template.assistant);
    } catch (e) {
      throw new BadInputError(`the question “${prompt}” cannot be read by this model: ${(e as Error).message}`);
    }
    const room = Math.max(1, Math.min(maxTokens, model.config.contextLength - ids.length));
    const generated: number[] = [];
    await generate(model, ids, {
      maxTokens: room,
      sampler: temperatureTopKSampler(0.7),
      rng: createRng(seed * 1009 + i),
      onToken: (id) => {
        generated.push(id);
        return !(generated.length >= endIds.length && endIds.every((e, k) => generated[generated.length - endIds.length + k] === e));
      },
    });
    out.push(tokenizer.decode(generated));
  }
  return out;
}

async function template(cmd: Cmd<'alignment/template'>, ctx: EngineContext) {
  const { model, tokenizer } = await ctx.checkpoint(cmd.source.checkpointUrl);
  const rows = parseSft(await fetchText(cmd.source.datasetUrl, 'dataset'), datasetName(cmd.source.datasetUrl));
  const index = ((cmd.index % rows.length) + rows.length) % rows.length;
  const ex = format(TEMPLATES[cmd.source.template], tokenizer, rows[index], index);
  const batch = sftBatch([lossView(ex, cmd.maskPrompt)], model.config.contextLength);
  const mask = (await batch.mask.data()) as Float32Array;
  disposeBatch(batch);
  // Token i is the target of position i − 1: it counts iff mask[i − 1] = 1 (token 0 is never a target).
  const inLoss = ex.ids.map((_, i) => (i === 0 ? 0 : mask[i - 1]));
  ctx.post({
    type: 'alignment/template',
    index,
    count: rows.length,
    tokens: ex.ids.map((id) => tokenizer.decode([id])),
    promptLength: ex.promptLength,
    lossTokens: mask.reduce((s, m) => s + m, 0),
    inLoss,
    params: model.numParams,
  });
}

async function sft(cmd: Cmd<'alignment/sft'>, ctx: EngineContext) {
  const { runId, source, sft: o } = cmd;
  const control = new LoopControl();
  ctx.beginRun(runId, control);
  let optimizer: ObjectiveOptimizer | null = null;
  try {
    ctx.progress(runId, 'model', 0, 1, 'loading the checkpoint and the dataset');
    const tpl = TEMPLATES[source.template];
    const [shipped, text] = await Promise.all([ctx.checkpoint(source.checkpointUrl), fetchText(source.datasetUrl, 'dataset')]);
    const rows = parseSft(text, datasetName(source.datasetUrl));
    const all = rows.map((r, i) => format(tpl, shipped.tokenizer, r, i));
    // The last rows are held out: their answer loss shows whether the form generalises to titles never trained on.
    const heldOutCount = Math.min(SFT_HELD_OUT, Math.floor(all.length / 5));
    const examples = all.slice(0, all.length - heldOutCount);
    const heldOut = all.slice(all.length - heldOutCount);
    const T = shipped.model.config.contextLength;
    checkMemory(ctx, shipped.model, o.batchSize);
    const model = await copyOf(shipped.model);
    ctx.hold({ model, tokenizer: shipped.tokenizer, trainedSteps: Number(shipped.json.training?.steps ?? 0) });
    ctx.post({ type: 'model', runId, summary: ctx.summary() });

    const ask = async (phase: 'before' | 'after', step: number) => {
      ctx.progress(runId, 'eval', 0, 1, phase === 'before' ? 'asking the questions (before training)' : 'asking the questions again');
      const texts = await answer(model, shipped.tokenizer, tpl, o.questions, o.answerTokens, o.seed);
      const answers: AnswerMessage[] = texts.map((t, i) => ({ prompt: o.questions[i], text: t, formOk: hasTaughtForm(t, source.template) }));
      ctx.post({ type: 'alignment/answers', runId, phase, step, answers, formShare: answers.length ? answers.filter((a) => a.formOk).length / answers.length : 0 });
    };
    await ask('before', 0);
    const evaluate = async (step: number) => {
      if (o.evalEvery <= 0 || heldOut.length === 0) return;
      const batch = sftBatch(heldOut, T);
      const loss = maskedLoss(model, batch);
      const value = (await loss.data())[0];
      tf.dispose(loss);
      disposeBatch(batch);
      ctx.post({ type: 'alignment/sft-eval', runId, step, evalLoss: value, heldOut: heldOut.length });
    };
    await evaluate(0);

    const rng = rewindableRng(o.seed);
    optimizer = new ObjectiveOptimizer(model.params, { learningRate: o.learningRate, weightDecay: 0, gradClip: 1 }, [rng]);
    const startedAt = performance.now();
    ctx.progress(runId, 'compile', 0, o.steps, ctx.report.backend === 'webgpu' ? 'first step (compiling shaders)' : 'first step');
    let steps = 0;
    for (let step = 1; step <= o.steps; step++) {
      if (!(await control.gate())) break;
      const t0 = performance.now();
      const drawn = sampleExamples(examples, o.batchSize, rng);
      const batch = sftBatch(drawn.map((ex) => lossView(ex, o.maskPrompt)), T); // [B, T]; mask = what the loss counts
      const response = sftBatch(drawn, T); // the response-only mask, to report the answer loss either way
      try {
        const { loss, aux } = await optimizer.step(() => {
          const { logits } = model.forward(batch.inputs); // [B, T, V]
          const logp = targetLogProbs(logits, batch.targets); // [B, T]
          const meanOver = (mask: tf.Tensor2D) => tf.div(tf.neg(tf.sum(tf.mul(logp, mask))), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
          return { loss: meanOver(batch.mask), aux: { responseLoss: meanOver(response.mask) } };
        });
        steps = step;
        control.step = step;
        const ms = performance.now() - t0;
        ctx.post({ type: 'alignment/sft-step', runId, step, loss, responseLoss: aux.responseLoss[0], msPerStep: ms, tokensPerSec: (o.batchSize * T * 1000) / ms });
        ctx.progress(runId, 'train', step, o.steps, `step ${step} of ${o.steps}`, startedAt);
      } finally {
        disposeBatch(batch);
        disposeBatch(response);
      }
      if (o.evalEvery > 0 && (step % o.evalEvery === 0 || step === o.steps)) await evaluate(step);
      if (ctx.takePauseRequest() || (cmd.startPaused && step === 1)) {
        control.pause();
        ctx.post({ type: 'paused', runId, step });
      }
    }
    if (o.evalEvery > 0 && steps % o.evalEvery !== 0 && steps !== o.steps) await evaluate(steps);
    ctx.held()!.trainedSteps += steps;
    await ask('after', steps);
    ctx.post({ type: 'done', runId, reason: steps < o.steps ? 'stopped' : 'finished', steps });
  } finally {
    optimizer?.dispose();
    ctx.endRun(runId);
  }
}

/** Sequence log-probs of the shown pairs under one model: chosen [k], rejected [k]. */
async function pairLogProbs(model: GPT, pairs: FormattedPreference[]): Promise<{ chosen: number[]; rejected: number[] }> {
  const batch = preferenceBatch(pairs, model.config.contextLength);
  const seq = sequenceLogProbs(model, batch); // [2k]
  const values = Array.from((await seq.data()) as Float32Array);
  tf.dispose(seq);
  disposeBatch(batch);
  return { chosen: values.slice(0, pairs.length), rejected: values.slice(pairs.length) };
}

async function dpo(cmd: Cmd<'alignment/dpo'>, ctx: EngineContext) {
  const { runId, source, dpo: o } = cmd;
  if (source.template !== 'tang') throw new BadInputError('DPOLab measures clause length, which is defined for the Tang template (tang) only');
  if (!(o.beta > 0)) throw new BadInputError(`β = ${o.beta} must be > 0`);
  const control = new LoopControl();
  ctx.beginRun(runId, control);
  let trainer: DPOTrainer | null = null;
  try {
    ctx.progress(runId, 'model', 0, 1, 'loading the checkpoint and the preference pairs');
    const tpl = TEMPLATES[source.template];
    const [shipped, text] = await Promise.all([ctx.checkpoint(source.checkpointUrl), fetchText(source.datasetUrl, 'preference dataset')]);
    const rows = parsePreferences(text, datasetName(source.datasetUrl));
    if (rows.length <= o.samples) throw new BadInputError(`${datasetName(source.datasetUrl)} has ${rows.length} pairs; ${o.samples} are held out to measure samples, so none would be left to train on`);
    let pairs: FormattedPreference[];
    try {
      pairs = rows.map((r) => formatPreference(tpl, shipped.tokenizer, r));
    } catch (e) {
      throw new BadInputError((e as Error).message);
    }
    // The last `samples` titles are held out: the property is measured on prompts DPO never trained on.
    const train = pairs.slice(0, rows.length - o.samples);
    const heldOut = rows.slice(rows.length - o.samples).map((r) => r.prompt);
    const shown = train.slice(0, o.shownPairs);
    checkMemory(ctx, shipped.model, 2 * o.batchSize);
    const reference = shipped.model; // frozen: DPO updates only the policy's own variables
    const policy = await copyOf(shipped.model);
    ctx.hold({ model: policy, tokenizer: shipped.tokenizer, trainedSteps: Number(shipped.json.training?.steps ?? 0) });
    ctx.post({ type: 'model', runId, summary: ctx.summary() });

    const measure = async (phase: 'before' | 'after', step: number) => {
      ctx.progress(runId, 'eval', 0, 1, phase === 'before' ? 'sampling answers (before DPO)' : 'sampling answers again');
      const samples = await answer(policy, shipped.tokenizer, tpl, heldOut, o.answerTokens, o.seed);
      let matched = 0;
      let total = 0;
      for (const s of samples) {
        const c = clauseLengths(s, tpl);
        matched += c.matched;
        total += c.total;
      }
      ctx.post({ type: 'alignment/property', runId, phase, step, samples: samples.map((s, i) => `${heldOut[i]}｜${s}`), matched, total, share: total ? matched / total : 0 });
    };
    const refShown = await pairLogProbs(reference, shown);
    const postPairs = async (step: number) => {
      const now = await pairLogProbs(policy, shown);
      const out: ShownPair[] = shown.map((_, i) => ({
        prompt: rows[i].prompt,
        chosen: rows[i].chosen,
        rejected: rows[i].rejected,
        refChosen: refShown.chosen[i],
        refRejected: refShown.rejected[i],
        policyChosen: now.chosen[i],
        policyRejected: now.rejected[i],
      }));
      ctx.post({ type: 'alignment/dpo-pairs', runId, step, pairs: out });
    };
    await measure('before', 0);
    await postPairs(0);

    const options: Partial<DPOOptions> = { beta: o.beta, batchSize: o.batchSize, seed: o.seed, learningRate: o.learningRate, weightDecay: 0, gradClip: 1 };
    trainer = new DPOTrainer(policy, reference, train, policy.params, options);
    dpoRun = { runId, trainer };
    // Step 0: the policy is a copy of the reference, so rewards, margin and KL are exactly 0.
    const zero = await trainer.evaluate(train.slice(0, o.batchSize));
    ctx.post({ type: 'alignment/dpo-step', runId, metrics: { step: 0, ...zero, gradNorm: 0, beta: o.beta, msPerStep: 0 } });
    const pairsEvery = Math.max(1, Math.round(o.steps / 15));
    const startedAt = performance.now();
    ctx.progress(runId, 'compile', 0, o.steps, ctx.report.backend === 'webgpu' ? 'first step (compiling shaders)' : 'first step');
    let steps = 0;
    for (let step = 1; step <= o.steps; step++) {
      if (!(await control.gate())) break;
      const t0 = performance.now();
      const beta = trainer.options.beta;
      const m = await trainer.trainStep();
      steps = step;
      control.step = step;
      ctx.post({ type: 'alignment/dpo-step', runId, metrics: { ...m, beta, msPerStep: performance.now() - t0 } });
      ctx.progress(runId, 'train', step, o.steps, `step ${step} of ${o.steps}`, startedAt);
      if (step % pairsEvery === 0 || step === o.steps) await postPairs(step);
      if (ctx.takePauseRequest() || (cmd.startPaused && step === 1)) {
        control.pause();
        ctx.post({ type: 'paused', runId, step });
      }
    }
    if (steps % pairsEvery !== 0 && steps !== o.steps) await postPairs(steps);
    ctx.held()!.trainedSteps += steps;
    await measure('after', steps);
    ctx.post({ type: 'done', runId, reason: steps < o.steps ? 'stopped' : 'finished', steps });
  } finally {
    dpoRun = null;
    trainer?.dispose();
    ctx.endRun(runId);
  }
}

function setBeta(cmd: Cmd<'alignment/set-beta'>, ctx: EngineContext) {
  if (!(cmd.beta > 0) || !Number.isFinite(cmd.beta)) throw new BadInputError(`β = ${cmd.beta} must be a finite number > 0`);
  if (!dpoRun) return; // no run: the next run starts with the lab's β
  // DPOTrainer reads options.beta at every step.
  (dpoRun.trainer.options as DPOOptions).beta = cmd.beta;
  ctx.post({ type: 'alignment/beta', runId: dpoRun.runId, beta: cmd.beta });
}

export const alignmentFeature: EngineFeature<AlignmentCommand> = {
  commands: ALIGNMENT_COMMANDS,
  async handle(cmd, ctx) {
    switch (cmd.type) {
      case 'alignment/template':
        return template(cmd, ctx);
      case 'alignment/sft':
        return sft(cmd, ctx);
      case 'alignment/dpo':
        return dpo(cmd, ctx);
      case 'alignment/set-beta':
        return setBeta(cmd, ctx);
    }
  },
};
