// The tiny GPT: token + learned position embeddings, pre-LayerNorm blocks of causal multi-head
// self-attention and a GELU MLP, a final LayerNorm and an output head tied to the token
// embedding (GPT-2 / nanoGPT model.py). The model knows nothing of training or I/O.
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../sample/rng';
import { type GPTConfig, type GPTConfigInput, type ParamSpec, paramSpecs, validateConfig } from './config';
import { causalMask, crossEntropy, embedding, gelu, layerNorm, matMul, transposeLast2 } from './ops';

export interface ForwardOptions {
  /** Apply dropout (needs `rng` when config.dropout > 0). */
  training?: boolean;
  /** Return every layer's attention probabilities, each [B, nHead, T, T]. */
  returnAttention?: boolean;
  /** Return the residual stream after the embedding and after each block, each [B, T, dModel]. */
  returnResidual?: boolean;
  /** Source of dropout masks while training. */
  rng?: Rng;
}

export interface ForwardResult {
  /** [B, T, vocabSize], unnormalised. */
  logits: tf.Tensor3D;
  /** attention[i] = block i's softmax(QKᵀ/√d_head + mask), [B, nHead, T, T]. */
  attention?: tf.Tensor4D[];
  /** residual[0] = embeddings, residual[i + 1] = stream after block i, each [B, T, dModel]. */
  residual?: tf.Tensor3D[];
}

/**
 * Something that adds a learned correction to some of the model's linear layers (LoRA,
 * lib/model/lora.ts). GPT only asks which layers it covers and for the correction, so
 * several adapters can be held and switched without touching the base weights.
 */
export interface LinearAdapter {
  /** Does it correct linear `name` (e.g. "h.0.attn.c_attn")? */
  covers(name: string): boolean;
  /** The correction to add to `name`'s output for input x [N, in] → [N, out]. */
  delta(name: string, x: tf.Tensor2D, opts: ForwardOptions): tf.Tensor2D;
}

/** Draw one parameter's initial values on the CPU from the seeded RNG (identical on every backend). */
function initialValues(spec: ParamSpec, rng: Rng): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (spec.init.kind === 'ones') values.fill(1);
  else if (spec.init.kind === 'normal') {
    const std = spec.init.std;
    for (let i = 0; i < size; i++) values[i] = rng.normal() * std;
  }
  return values;
}

function checkInitial(specs: ParamSpec[], initial: Map<string, Float32Array>): void {
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const [name, values] of initial) {
    const spec = byName.get(name);
    if (!spec) throw new Error(`GPT: initial tensor "${name}" is not a parameter of this config (expected GPT-2 names such as "wte", "h.0.attn.c_attn.weight")`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!(values instanceof Float32Array) || values.length !== size) {
      const given = values instanceof Float32Array ? `${values.length} float32 values` : `a ${Object.prototype.toString.call(values).slice(8, -1)}`;
      throw new Error(`GPT: initial tensor "${name}" has ${given}; expected shape [${spec.shape.join(', ')}] = ${size} float32 values`);
    }
  }
}

export class GPT {
  readonly config: GPTConfig;
  /** GPT-2 names → trainable variables, in paramSpecs order. */
  readonly params: Map<string, tf.Variable>;
  readonly specs: ParamSpec[];
  /** The active adapter (setAdapter), applied on top of the base linears; null = base model. */
  private linearAdapter: LinearAdapter | null = null;

  /**
   * `config` is validated here too (a ConfigError names the bad value); `initial` may give some
   * or all parameters by GPT-2 name — an unknown name or a wrong size is an error naming the
   * tensor, checked before any variable is made.
   */
  constructor(config: GPTConfig, initial?: Map<string, Float32Array>) {
    this.config = validateConfig(config);
    this.specs = paramSpecs(this.config);
    if (initial) checkInitial(this.specs, initial);
    this.params = new Map();
    const rng = createRng(this.config.seed);
    for (const spec of this.specs) {
      // Draw even when `initial` is given, so the RNG stream never depends on what was loaded.
      const drawn = initialValues(spec, rng);
      const values = initial?.get(spec.name) ?? drawn;
      // Variables stay unnamed: tfjs names are global, and two models may share GPT-2 names.
      this.params.set(spec.name, tf.tidy(() => tf.variable(tf.tensor(values, spec.shape), true)));
    }
  }

  private p(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new Error(`GPT has no parameter "${name}"`);
    return v;
  }

  /** Exact count of trainable scalars (wte counted once although it is also the head). */
  get numParams(): number {
    let n = 0;
    for (const v of this.params.values()) n += v.size;
    return n;
  }

  /** Switch adapters without reloading the base (null = the base model alone). */
  setAdapter(adapter: LinearAdapter | null): void {
    this.linearAdapter = adapter;
  }

  get adapter(): LinearAdapter | null {
    return this.linearAdapter;
  }

  /**
   * The four linears of a block (c_attn, attn c_proj, c_fc, mlp c_proj) all go through here:
   * x [N, in] · W [in, out] + b, plus the active adapter's correction when it covers `name`.
   */
  private linear(name: string, x: tf.Tensor2D, opts: ForwardOptions): tf.Tensor2D {
    const y = tf.add(matMul(x, this.p(`${name}.weight`)), this.p(`${name}.bias`)) as tf.Tensor2D; // [N, out]
    const adapter = this.linearAdapter;
    return adapter && adapter.covers(name) ? tf.add(y, adapter.delta(name, x, opts)) : y;
  }

  private dropout(x: tf.Tensor, opts: ForwardOptions): tf.Tensor {
    const rate = this.config.dropout;
    if (!opts.training || rate === 0) return x;
    if (!opts.rng) throw new Error('GPT.forward: training with dropout > 0 needs opts.rng');
    // tf.dropout draws its mask on the CPU from this seed, so it is backend-independent.
    return tf.dropout(x, rate, undefined, opts.rng.int(2 ** 31));
  }

  /** Causal multi-head self-attention of block i on x [B, T, d]. */
  private attention(i: number, x: tf.Tensor3D, opts: ForwardOptions): { y: tf.Tensor3D; probs: tf.Tensor4D } {
    const [B, T, d] = x.shape;
    const nh = this.config.nHead;
    const hs = d / nh;
    const pre = `h.${i}.attn`;
    const qkv = this.linear(`${pre}.c_attn`, x.reshape([B * T, d]), opts); // [B·T, 3d]
    const [q, k, v] = tf.split(qkv, 3, 1).map(
      (t) => tf.transpose(t.reshape([B, T, nh, hs]), [0, 2, 1, 3]), // [B, nh, T, hs]
    );
    const scores = tf.add(tf.mul(matMul(q, transposeLast2(k)), 1 / Math.sqrt(hs)), causalMask(T)); // [B, nh, T, T]
    const probs = tf.softmax(scores, -1) as tf.Tensor4D;
    const mixed = matMul(this.dropout(probs, opts), v); // [B, nh, T, hs]
    const merged = tf.transpose(mixed, [0, 2, 1, 3]).reshape([B * T, d]); // [B·T, d]
    const y = this.linear(`${pre}.c_proj`, merged as tf.Tensor2D, opts); // [B·T, d]
    return { y: this.dropout(y, opts).reshape([B, T, d]) as tf.Tensor3D, probs };
  }

  /** GELU MLP of block i on x [B, T, d]. */
  private mlp(i: number, x: tf.Tensor3D, opts: ForwardOptions): tf.Tensor3D {
    const [B, T, d] = x.shape;
    const pre = `h.${i}.mlp`;
    const hidden = gelu(this.linear(`${pre}.c_fc`, x.reshape([B * T, d]), opts)) as tf.Tensor2D; // [B·T, r·d]
    const y = this.linear(`${pre}.c_proj`, hidden, opts); // [B·T, d]
    return this.dropout(y, opts).reshape([B, T, d]) as tf.Tensor3D;
  }

  /** tokens: int32 [B, T] with T ≤ contextLength and ids in [0, vocabSize). */
  forward(tokens: tf.Tensor2D, opts: ForwardOptions = {}): ForwardResult {
    const [B, T] = tokens.shape;
    if (tokens.rank !== 2) throw new Error(`GPT.forward: tokens must be [B, T], got shape [${tokens.shape}]`);
    if (T < 1 || T > this.config.contextLength) {
      throw new Error(`GPT.forward: sequence length ${T} is outside 1…contextLength (${this.config.contextLength})`);
    }
    const d = this.config.dModel;
    return tf.tidy(() => {
      const attention: tf.Tensor4D[] = [];
      const residual: tf.Tensor3D[] = [];
      const positions = tf.slice(this.p('wpe'), [0, 0], [T, d]); // [T, d]
      let x = this.dropout(tf.add(embedding(this.p('wte') as tf.Tensor2D, tokens), positions), opts) as tf.Tensor3D; // [B, T, d]
      if (opts.returnResidual) residual.push(x);
      for (let i = 0; i < this.config.nLayer; i++) {
        const a = this.attention(i, layerNorm(x, this.p(`h.${i}.ln_1.weight`), this.p(`h.${i}.ln_1.bias`)) as tf.Tensor3D, opts);
        x = tf.add(x, a.y);
        if (opts.returnAttention) attention.push(a.probs);
        x = tf.add(x, this.mlp(i, layerNorm(x, this.p(`h.${i}.ln_2.weight`), this.p(`h.${i}.ln_2.bias`)) as tf.Tensor3D, opts));
        if (opts.returnResidual) residual.push(x);
      }
      const final = layerNorm(x, this.p('ln_f.weight'), this.p('ln_f.bias')).reshape([B * T, d]);
      // Output head tied to the token embedding: [B·T, d] · wteᵀ [d, V] → [B·T, V]
      const logits = matMul(final, tf.transpose(this.p('wte'))).reshape([B, T, this.config.vocabSize]) as tf.Tensor3D;
      const result: ForwardResult = { logits };
      if (opts.returnAttention) result.attention = attention;
      if (opts.returnResidual) result.residual = residual;
      return result as unknown as tf.TensorContainer;
    }) as unknown as ForwardResult;
  }

  /** Mean next-token cross-entropy (nats) of predicting targets [B, T] from tokens [B, T]. */
  loss(tokens: tf.Tensor2D, targets: tf.Tensor2D, opts: Pick<ForwardOptions, 'training' | 'rng'> = {}): tf.Scalar {
    return tf.tidy(() => {
      const { logits } = this.forward(tokens, opts);
      const [B, T, V] = logits.shape;
      return crossEntropy(logits.reshape([B * T, V]) as tf.Tensor2D, targets.reshape([B * T]) as tf.Tensor1D);
    });
  }

  /** Copy of every parameter's values (for checkpoints and tests). */
  async weights(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.params) out.set(name, (await v.data()) as Float32Array);
    return out;
  }

  /** Overwrite parameters in place (names and sizes must match). */
  setWeights(values: Map<string, Float32Array>): void {
    for (const spec of this.specs) {
      const data = values.get(spec.name);
      if (!data) throw new Error(`setWeights: missing tensor "${spec.name}"`);
      const v = this.p(spec.name);
      if (data.length !== v.size) throw new Error(`setWeights: tensor "${spec.name}" has ${data.length} values, expected ${v.size}`);
      tf.tidy(() => v.assign(tf.tensor(data, spec.shape)));
    }
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}

/** Validate the config (naming any bad value) and build a model with GPT-2 initialisation. */
export function createGPT(config: GPTConfigInput, tokenizerVocabSize?: number): GPT {
  return new GPT(validateConfig(config, tokenizerVocabSize));
}
