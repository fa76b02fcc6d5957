// LoRA (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models"): a frozen linear
// W [in, out] gets a trainable low-rank correction, y = x·W + b + (α/r)·(drop(x)·A)·B with
// A [in, r] and B [r, out]. B starts at zero, so an untrained adapter changes nothing.
// An adapter is a set of such (A, B) pairs, one per covered linear; GPT applies the active one
// (GPT.setAdapter) without touching its base weights, so several adapters can be held and switched.
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../sample/rng';
import type { GPTConfig } from './config';
import type { ForwardOptions, GPT, LinearAdapter } from './gpt';
import { matMul } from './ops';
import { LORA_TARGETS, type LoraTarget, loraLinears } from './lora-shapes';

export { LORA_TARGETS, type LoraTarget, loraBudget, loraLinears } from './lora-shapes';

export interface LoraConfig {
  /** Rank of the correction (the paper's r). */
  r: number;
  /** Scale numerator: the correction is multiplied by alpha / r, so changing r keeps its size. */
  alpha: number;
  /** Dropout on the adapter's input while training (0 = off), as in PEFT's lora_dropout. */
  dropout: number;
  /** Which linears of each block to wrap. */
  targets: LoraTarget[];
  /** Seed of A's initial values. */
  seed: number;
}

export const LORA_DEFAULTS: LoraConfig = { r: 8, alpha: 16, dropout: 0, targets: ['attn.c_attn'], seed: 0 };

export class LoraError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoraError';
  }
}

/** Fill defaults and check every field, naming any bad value. */
export function validateLoraConfig(input: Partial<LoraConfig>): LoraConfig {
  const c = { ...LORA_DEFAULTS, ...input };
  if (!Number.isInteger(c.r) || c.r < 1) throw new LoraError(`invalid LoRA config: r = ${JSON.stringify(c.r)} — must be an integer ≥ 1`);
  if (typeof c.alpha !== 'number' || !(c.alpha > 0)) throw new LoraError(`invalid LoRA config: alpha = ${JSON.stringify(c.alpha)} — must be > 0`);
  if (typeof c.dropout !== 'number' || !(c.dropout >= 0 && c.dropout < 1)) throw new LoraError(`invalid LoRA config: dropout = ${JSON.stringify(c.dropout)} — must be in [0, 1)`);
  if (!Array.isArray(c.targets) || c.targets.length === 0) throw new LoraError('invalid LoRA config: targets must name at least one linear');
  for (const t of c.targets) {
    if (!(LORA_TARGETS as readonly string[]).includes(t)) throw new LoraError(`invalid LoRA config: target ${JSON.stringify(t)} is not one of ${LORA_TARGETS.join(', ')}`);
  }
  if (new Set(c.targets).size !== c.targets.length) throw new LoraError(`invalid LoRA config: targets ${JSON.stringify(c.targets)} name a linear twice`);
  if (!Number.isInteger(c.seed)) throw new LoraError(`invalid LoRA config: seed = ${JSON.stringify(c.seed)} — must be an integer`);
  return { r: c.r, alpha: c.alpha, dropout: c.dropout, targets: [...c.targets], seed: c.seed };
}

/** Adapter tensors in file order: `${linear}.lora_A` [in, r] then `${linear}.lora_B` [r, out]. */
export function loraTensorSpecs(model: GPTConfig, lora: LoraConfig): { name: string; shape: number[] }[] {
  return loraLinears(model, lora).flatMap(({ name, nIn, nOut }) => [
    { name: `${name}.lora_A`, shape: [nIn, lora.r] },
    { name: `${name}.lora_B`, shape: [lora.r, nOut] },
  ]);
}

/**
 * A's initial values: Kaiming-uniform with a = √5 over fan_in = in, as microsoft/LoRA's
 * loralib and PEFT do (`kaiming_uniform_(lora_A, a=math.sqrt(5))`), i.e. U(−1/√in, 1/√in).
 */
function initialA(nIn: number, r: number, rng: Rng): Float32Array {
  const bound = 1 / Math.sqrt(nIn);
  const values = new Float32Array(nIn * r);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * bound;
  return values;
}

export class LoraAdapter implements LinearAdapter {
  readonly config: LoraConfig;
  /** The base model shape it fits. */
  readonly modelConfig: GPTConfig;
  /** `${linear}.lora_A` / `${linear}.lora_B` → trainable variables (what a Trainer's `trainable` gets). */
  readonly params = new Map<string, tf.Variable>();
  /** alpha / r. */
  readonly scale: number;
  private readonly covered: Set<string>;
  /** The model whose base weights hold this adapter's product right now (mergeAdapter), if any. */
  private mergedInto: GPT | null = null;

  /** `initial` (e.g. from an adapter file) replaces the fresh A and zero B by name. */
  constructor(modelConfig: GPTConfig, config: Partial<LoraConfig> = {}, initial?: Map<string, Float32Array>) {
    this.config = validateLoraConfig(config);
    this.modelConfig = modelConfig;
    this.scale = this.config.alpha / this.config.r;
    const linears = loraLinears(modelConfig, this.config);
    this.covered = new Set(linears.map((l) => l.name));
    const rng = createRng(this.config.seed);
    for (const { name, nIn, nOut } of linears) {
      const drawn = initialA(nIn, this.config.r, rng); // drawn even when loaded: the stream never depends on `initial`
      const a = initial?.get(`${name}.lora_A`) ?? drawn;
      const b = initial?.get(`${name}.lora_B`) ?? new Float32Array(this.config.r * nOut);
      this.params.set(`${name}.lora_A`, tf.tidy(() => tf.variable(tf.tensor2d(a, [nIn, this.config.r]), true)));
      this.params.set(`${name}.lora_B`, tf.tidy(() => tf.variable(tf.tensor2d(b, [this.config.r, nOut]), true)));
    }
  }

  /** Covered linear names, e.g. ["h.0.attn.c_attn", "h.1.attn.c_attn"]. */
  get linears(): string[] {
    return [...this.covered];
  }

  get numParams(): number {
    let n = 0;
    for (const v of this.params.values()) n += v.size;
    return n;
  }

  get isMerged(): boolean {
    return this.mergedInto !== null;
  }

  covers(name: string): boolean {
    return this.covered.has(name);
  }

  private tensor(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new LoraError(`adapter has no tensor "${name}"`);
    return v;
  }

  /** (α/r)·(drop(x)·A)·B for x [N, in] → [N, out]; the rank-r product is never formed. */
  delta(name: string, x: tf.Tensor2D, opts: ForwardOptions): tf.Tensor2D {
    if (this.mergedInto) throw new LoraError(`adapter is merged into the base weights; unmerge it before applying it again (it would count twice)`);
    let input: tf.Tensor = x;
    if (opts.training && this.config.dropout > 0) {
      if (!opts.rng) throw new LoraError('LoRA dropout while training needs opts.rng');
      input = tf.dropout(x, this.config.dropout, undefined, opts.rng.int(2 ** 31));
    }
    const low = matMul(input, this.tensor(`${name}.lora_A`)); // [N, in] · [in, r] → [N, r]
    return tf.mul(matMul(low, this.tensor(`${name}.lora_B`)), this.scale) as tf.Tensor2D; // [N, r] · [r, out] → [N, out]
  }

  /** ΔW = (α/r)·A·B [in, out] of one covered linear. */
  deltaWeight(name: string): tf.Tensor2D {
    return tf.tidy(() => tf.mul(matMul(this.tensor(`${name}.lora_A`), this.tensor(`${name}.lora_B`)), this.scale) as tf.Tensor2D);
  }

  /** Refuse a model of another shape, naming the first difference. */
  assertFits(model: GPT): void {
    for (const key of ['nLayer', 'dModel', 'mlpRatio'] as const) {
      if (model.config[key] !== this.modelConfig[key]) {
        throw new LoraError(`adapter was made for ${key} = ${this.modelConfig[key]}, but the model has ${key} = ${model.config[key]}`);
      }
    }
  }

  /** Copy of every tensor's values (for adapter files and tests). */
  async weights(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.params) out.set(name, (await v.data()) as Float32Array);
    return out;
  }

  /** Internal bookkeeping for merge / unmerge. */
  markMerged(model: GPT | null): void {
    this.mergedInto = model;
  }

  mergedModel(): GPT | null {
    return this.mergedInto;
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}

/**
 * Fold the adapter into the base: W ← W + (α/r)·A·B for every covered linear. The model then
 * runs at base speed with the adapter's behaviour; the adapter is deactivated on it (applying it
 * on top would count it twice) until unmergeAdapter.
 */
export function mergeAdapter(model: GPT, adapter: LoraAdapter): void {
  adapter.assertFits(model);
  if (adapter.isMerged) throw new LoraError('adapter is already merged into a model; unmerge it first');
  for (const name of adapter.linears) {
    const w = model.params.get(`${name}.weight`)!;
    tf.tidy(() => w.assign(tf.add(w, adapter.deltaWeight(name))));
  }
  if (model.adapter === adapter) model.setAdapter(null);
  adapter.markMerged(model);
}

/**
 * Undo mergeAdapter: W ← W − (α/r)·A·B with the same product, computed the same way. The result
 * equals the original up to float32 rounding of the add/subtract pair (≤ 1 ulp of W + ΔW per
 * weight; tests/unit/lora.test.ts measures it).
 */
export function unmergeAdapter(model: GPT, adapter: LoraAdapter): void {
  if (adapter.mergedModel() !== model) throw new LoraError('adapter is not merged into this model');
  for (const name of adapter.linears) {
    const w = model.params.get(`${name}.weight`)!;
    tf.tidy(() => w.assign(tf.sub(w, adapter.deltaWeight(name))));
  }
  adapter.markMerged(null);
}
