// The `kvcache` feature's command handler: KVCacheRace's two lanes (lib/model/decode-lanes.ts)
// decoding the same prompt step by step, each sampling from its own logits with its own RNG of
// the same seed, timed separately; what a step cost (positions, FLOPs, cache bytes) is reported
// from the run. Lanes alternate which goes first, so neither always runs on a warmer cache.
import * as tf from '@tensorflow/tfjs';
import { countParams, validateConfig } from '../../../model/config';
import { CacheLane, CONTEXT_POLICIES, type DecodeLane, type LaneStep, RecomputeLane } from '../../../model/decode-lanes';
import { GPT } from '../../../model/gpt';
import { kvCacheBytes } from '../../../model/kv-cache';
import { webgpuKVStore } from '../../../model/kv-webgpu';
import { temperatureTopKSampler } from '../../../sample/generate';
import { createRng, type Rng } from '../../../sample/rng';
import { encodeKnownChars, type Tokenizer } from '../../../tokenizer';
import type { EngineContext, EngineFeature } from '../../context';
import { BadInputError } from '../../protocol';
import { KVCACHE_COMMANDS, MAX_RACE_TOKENS, RACE_MODEL_NAMES, RACE_MODELS, type KvCacheCommand, type KvRaceRequest, type LaneStepReport, type LaneSummary, type RaceLaneName } from './protocol';
import { LoopControl } from '../../loop-control';

const LANES: RaceLaneName[] = ['recompute', 'cache'];

function checkRequest(cmd: KvRaceRequest): void {
  if (!RACE_MODEL_NAMES.includes(cmd.model)) throw new BadInputError(`model "${cmd.model}" is not one of ${RACE_MODEL_NAMES.join(', ')}`);
  if (!Number.isInteger(cmd.tokens) || cmd.tokens < 1 || cmd.tokens > MAX_RACE_TOKENS) throw new BadInputError(`tokens = ${cmd.tokens} must be an integer in 1…${MAX_RACE_TOKENS}`);
  if (!(cmd.temperature >= 0 && cmd.temperature <= 5)) throw new BadInputError(`temperature = ${cmd.temperature} must be in 0…5`);
  if (!Number.isInteger(cmd.seed)) throw new BadInputError(`seed = ${cmd.seed} must be an integer`);
  if (!CONTEXT_POLICIES.includes(cmd.policy)) throw new BadInputError(`context policy "${cmd.policy}" is not one of ${CONTEXT_POLICIES.join(', ')}`);
}

/** The chapter's checkpoint itself, or a random-weight model of a larger shape over its vocabulary. */
function raceModel(name: KvRaceRequest['model'], base: GPT, seed: number): { model: GPT; owned: boolean } {
  const shape = RACE_MODELS[name];
  if (!shape) return { model: base, owned: false };
  return { model: new GPT(validateConfig({ vocabSize: base.config.vocabSize, ...shape, seed })), owned: true };
}

interface Lane {
  name: RaceLaneName;
  decoder: DecodeLane;
  rng: Rng;
  step: LaneStep;
  ids: number[];
  summary: LaneSummary;
}

function report(lane: Lane, id: number, ms: number, tokenizer: Tokenizer): LaneStepReport {
  const s = lane.step;
  return { id, token: id < 0 ? '' : tokenizer.tokenText(id), ms, positionsComputed: s.positionsComputed, flops: s.flops, cacheBytes: lane.decoder.cacheBytes, windowLength: s.windowLength, refilled: s.refilled };
}

export async function runRace(cmd: KvRaceRequest, ctx: EngineContext): Promise<void> {
  checkRequest(cmd);
  const { runId } = cmd;
  const checkpoint = await ctx.checkpoint(cmd.checkpointUrl);
  const promptIds = encodeKnownChars(checkpoint.tokenizer, cmd.prompt);
  if (promptIds.length === 0) throw new BadInputError('the prompt has no character this model knows: type something in its language');
  const gate = new LoopControl();
  ctx.beginRun(runId, gate);
  const { model, owned } = raceModel(cmd.model, checkpoint.model, cmd.seed);
  const store = tf.getBackend() === 'webgpu' ? webgpuKVStore(model.config) : null;
  const kernels = store ? 'wgsl' : 'composed';
  const decoders: Record<RaceLaneName, DecodeLane> = {
    recompute: new RecomputeLane(model, cmd.policy),
    cache: new CacheLane(model, cmd.policy, store ?? undefined),
  };
  let reason: 'finished' | 'context' | 'stopped' = 'finished';
  let firstDifference: number | null = null;
  const lanes: Lane[] = [];
  try {
    const sampler = temperatureTopKSampler(cmd.temperature);
    const prefill = {} as Record<RaceLaneName, LaneStepReport>;
    for (const name of LANES) {
      const t0 = performance.now();
      const step = await decoders[name].begin(promptIds);
      const ms = performance.now() - t0;
      const lane: Lane = { name, decoder: decoders[name], rng: createRng(cmd.seed), step, ids: [], summary: { tokens: 0, ms: 0, tokensPerSec: 0, flops: 0 } };
      lanes.push(lane);
      prefill[name] = report(lane, -1, ms, checkpoint.tokenizer);
    }
    const c = model.config;
    ctx.post({
      type: 'kvcache/start',
      runId,
      model: { name: cmd.model, params: countParams(c), nLayer: c.nLayer, nHead: c.nHead, dModel: c.dModel, contextLength: c.contextLength, vocabSize: c.vocabSize, capacityBytes: kvCacheBytes(c.nLayer, c.contextLength, c.dModel), kernels },
      promptTokens: decoders.cache.ids.map((id) => checkpoint.tokenizer.tokenText(id)),
      prefill,
    });
    const startedAt = performance.now();
    for (let index = 0; index < cmd.tokens; index++) {
      await gate.gate();
      if (gate.stopped) {
        reason = 'stopped';
        break;
      }
      const reports = {} as Record<RaceLaneName, LaneStepReport>;
      const order = index % 2 === 0 ? lanes : [...lanes].reverse();
      let full = false;
      for (const lane of order) {
        const id = sampler(lane.step.logits, lane.rng);
        const t0 = performance.now();
        const next = await lane.decoder.push(id);
        const ms = performance.now() - t0;
        if (!next) {
          full = true;
          break;
        }
        lane.step = next;
        lane.ids.push(id);
        lane.summary.tokens++;
        lane.summary.ms += ms;
        lane.summary.flops += next.flops;
        reports[lane.name] = report(lane, id, ms, checkpoint.tokenizer);
      }
      if (full) {
        reason = 'context';
        break;
      }
      if (firstDifference === null && reports.cache.id !== reports.recompute.id) firstDifference = index;
      gate.step = index + 1;
      ctx.post({ type: 'kvcache/step', runId, index, lanes: reports });
      ctx.progress(runId, 'eval', index + 1, cmd.tokens, `token ${index + 1} of ${cmd.tokens}`, startedAt);
      if (ctx.takePauseRequest() || (cmd.startPaused && index === 0)) {
        gate.pause();
        ctx.post({ type: 'paused', runId, step: index + 1 });
      }
    }
  } finally {
    decoders.recompute.dispose();
    decoders.cache.dispose();
    if (owned) model.dispose();
    ctx.endRun(runId);
  }
  for (const lane of lanes) lane.summary.tokensPerSec = lane.summary.ms > 0 ? (lane.summary.tokens / lane.summary.ms) * 1000 : 0;
  ctx.post({
    type: 'kvcache/done',
    runId,
    reason,
    firstDifference,
    lanes: Object.fromEntries(lanes.map((l) => [l.name, l.summary])) as Record<RaceLaneName, LaneSummary>,
  });
}

export const kvcacheFeature: EngineFeature<KvCacheCommand> = {
  commands: KVCACHE_COMMANDS,
  async handle(cmd, ctx) {
    if (cmd.type === 'kvcache/race') await runRace(cmd, ctx);
  },
};
