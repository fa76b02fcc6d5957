// INTERIM — minimal stand-ins for modules another helper is landing on main
// (lib/tokenizer/char.ts + index.ts, lib/sample/generate.ts, lib/model/checkpoint.ts). Same
// names, signatures and checkpoint format, so replacing this file is an import change in
// ./deps.ts. Delete it once those modules are on main.
import * as tf from '@tensorflow/tfjs';
import { type GPTConfig, paramSpecs, validateConfig } from '../model/config';
import type { GPT } from '../model/gpt';
import type { Rng } from '../sample/rng';
import { bpeFromJSON } from '../tokenizer/bpe';
import type { Tokenizer, TokenizerJSON } from '../tokenizer/types';

export class CharTokenizer implements Tokenizer {
  readonly kind = 'char' as const;
  private readonly chars: string[];
  private readonly ids = new Map<string, number>();

  constructor(chars: string[]) {
    if (chars.length === 0) throw new Error('char tokenizer: the vocabulary is empty');
    this.chars = chars.slice();
    this.chars.forEach((c, i) => this.ids.set(c, i));
  }

  static fromText(text: string): CharTokenizer {
    return new CharTokenizer([...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const c of text) {
      const id = this.ids.get(c);
      if (id === undefined) throw new Error(`char tokenizer: character ${JSON.stringify(c)} is not in the vocabulary`);
      out.push(id);
    }
    return out;
  }

  decode(ids: number[]): string {
    return ids.map((id) => this.tokenText(id)).join('');
  }

  tokenText(id: number): string {
    const c = this.chars[id];
    if (c === undefined) throw new Error(`char tokenizer: id ${id} is outside the vocabulary`);
    return c;
  }

  toJSON(): TokenizerJSON {
    return { kind: 'char', chars: this.chars.slice() };
  }
}

export function tokenizerFromJSON(json: TokenizerJSON): Tokenizer {
  if (json?.kind === 'char' && Array.isArray(json.chars)) return new CharTokenizer(json.chars);
  if (json?.kind === 'bpe') return bpeFromJSON(json);
  throw new Error(`tokenizer: unknown kind ${JSON.stringify((json as { kind?: unknown })?.kind)}`);
}

export type Sampler = (logits: Float32Array, rng: Rng) => number;

/** softmax(logits / temperature) sampling; temperature 0 = greedy. */
export function temperatureTopKSampler(temperature = 1): Sampler {
  return (logits, rng) => {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    if (temperature === 0) return best;
    const weights = Array.from(logits, (l) => Math.exp((l - logits[best]) / temperature));
    let u = rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
    return weights.length - 1;
  };
}

/** New ids after the prompt, one forward pass per token over the last contextLength ids. */
export async function generate(model: GPT, promptIds: number[], opts: { maxTokens: number; sampler: Sampler; rng: Rng }): Promise<number[]> {
  const { vocabSize, contextLength } = model.config;
  const ids = promptIds.slice();
  const out: number[] = [];
  for (let i = 0; i < opts.maxTokens; i++) {
    const window = ids.slice(-contextLength);
    const last = tf.tidy(() => {
      const { logits } = model.forward(tf.tensor2d([window], [1, window.length], 'int32')); // [1, T, V]
      return logits.slice([0, window.length - 1, 0], [1, 1, vocabSize]).reshape([vocabSize]);
    });
    const logits = (await last.data()) as Float32Array;
    last.dispose();
    const next = opts.sampler(logits, opts.rng);
    ids.push(next);
    out.push(next);
  }
  return out;
}

export const CHECKPOINT_FORMAT = 'live-llm-book/gpt-checkpoint';

export interface ModelJSON {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: GPTConfig;
  tokenizer: TokenizerJSON;
  numParams: number;
  training?: Record<string, unknown>;
  weightsByteLength: number;
  tensors: { name: string; shape: number[]; dtype: 'float32'; offset: number; byteLength: number }[];
}

export function serializeCheckpoint(
  config: GPTConfig,
  weights: Map<string, Float32Array>,
  tokenizer: TokenizerJSON,
  training?: Record<string, unknown>,
): { json: ModelJSON; weights: Uint8Array } {
  const tensors: ModelJSON['tensors'] = [];
  let offset = 0;
  for (const spec of paramSpecs(config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    tensors.push({ name: spec.name, shape: spec.shape, dtype: 'float32', offset, byteLength: size * 4 });
    offset += size * 4;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  for (const t of tensors) {
    const values = weights.get(t.name)!;
    for (let i = 0; i < values.length; i++) view.setFloat32(t.offset + 4 * i, values[i], true);
  }
  const json: ModelJSON = { format: CHECKPOINT_FORMAT, version: 1, config, tokenizer, numParams: offset / 4, ...(training ? { training } : {}), weightsByteLength: offset, tensors };
  return { json, weights: bytes };
}

export function parseCheckpoint(raw: unknown, data: ArrayBuffer): { json: ModelJSON; config: GPTConfig; tokenizer: Tokenizer; weights: Map<string, Float32Array> } {
  const json = raw as ModelJSON;
  if (json?.format !== CHECKPOINT_FORMAT) throw new Error(`model.json: format is ${JSON.stringify(json?.format)}, expected "${CHECKPOINT_FORMAT}"`);
  const tokenizer = tokenizerFromJSON(json.tokenizer);
  const config = validateConfig(json.config, tokenizer.vocabSize);
  const view = new DataView(data);
  const weights = new Map<string, Float32Array>();
  for (const spec of paramSpecs(config)) {
    const t = json.tensors.find((e) => e.name === spec.name);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!t || t.byteLength !== size * 4 || t.offset + t.byteLength > data.byteLength) throw new Error(`tensor "${spec.name}": missing or does not fit weights.bin`);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(t.offset + 4 * i, true);
    weights.set(spec.name, values);
  }
  return { json, config, tokenizer, weights };
}
