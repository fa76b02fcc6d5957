// Checkpoint format (DESIGN.md): model.json (config, tokenizer, training report, tensor index)
// + weights.bin (little-endian float32, tensors back to back in the index's order).
// This file is pure: it turns models into bytes and bytes into models, checking everything on
// the way in. checkpoint-node.ts (files) and checkpoint-web.ts (fetch, File, IndexedDB) do I/O.
import { type GPTConfig, paramSpecs, validateConfig } from './config';
import { GPT } from './gpt';
import { sha256Hex } from './sha256';
import { tokenizerFromJSON } from '../tokenizer/index';
import type { Tokenizer, TokenizerJSON } from '../tokenizer/types';

export const CHECKPOINT_FORMAT = 'live-llm-book/gpt-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset into weights.bin. */
  offset: number;
  byteLength: number;
}

/** How a checkpoint was made. Free-form beyond these fields; losses are nats per token. */
export interface TrainingReport {
  command?: string;
  corpus?: string;
  steps?: number;
  batchSize?: number;
  finalTrainLoss?: number;
  finalValLoss?: number;
  /** Entropy (nats/token) of the validation split's own unigram distribution — the baseline to beat. */
  unigramValEntropy?: number;
  wallSeconds?: number;
  backend?: string;
  [key: string]: unknown;
}

export interface ModelJSON {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: GPTConfig;
  tokenizer: TokenizerJSON;
  numParams: number;
  training?: TrainingReport;
  weightsByteLength: number;
  tensors: TensorEntry[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** Lay tensors out back to back, in paramSpecs order, and encode them little-endian. */
export function serializeCheckpoint(
  config: GPTConfig,
  weights: Map<string, Float32Array>,
  tokenizer: TokenizerJSON,
  training?: TrainingReport,
): { json: ModelJSON; weights: Uint8Array<ArrayBuffer> } {
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const spec of paramSpecs(config)) {
    const values = weights.get(spec.name);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!values || values.length !== size) throw new CheckpointError(`cannot save: tensor "${spec.name}" has ${values?.length ?? 0} values, expected ${size}`);
    tensors.push({ name: spec.name, shape: spec.shape, dtype: 'float32', offset, byteLength: size * 4 });
    offset += size * 4;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  for (const entry of tensors) {
    const values = weights.get(entry.name)!;
    for (let i = 0; i < values.length; i++) view.setFloat32(entry.offset + 4 * i, values[i], true);
  }
  const json: ModelJSON = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config,
    tokenizer,
    numParams: offset / 4,
    ...(training ? { training } : {}),
    weightsByteLength: offset,
    tensors,
  };
  return { json, weights: bytes };
}

export interface ParsedCheckpoint {
  json: ModelJSON;
  config: GPTConfig;
  tokenizer: Tokenizer;
  weights: Map<string, Float32Array>;
}

function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Validate model.json against the bytes of weights.bin; every error names what is wrong. */
export function parseCheckpoint(raw: unknown, data: ArrayBuffer | ArrayBufferView): ParsedCheckpoint {
  if (raw === null || typeof raw !== 'object') throw new CheckpointError('model.json: expected a JSON object');
  const json = raw as ModelJSON;
  if (json.format !== CHECKPOINT_FORMAT) throw new CheckpointError(`model.json: format is ${JSON.stringify(json.format)}, expected "${CHECKPOINT_FORMAT}"`);
  if (json.version !== CHECKPOINT_VERSION) throw new CheckpointError(`model.json: version ${json.version} is not supported (this code reads version ${CHECKPOINT_VERSION})`);
  let config: GPTConfig;
  let tokenizer: Tokenizer;
  try {
    tokenizer = tokenizerFromJSON(json.tokenizer);
    config = validateConfig(json.config, tokenizer.vocabSize);
  } catch (e) {
    throw new CheckpointError(`model.json: ${(e as Error).message}`);
  }
  if (!Array.isArray(json.tensors)) throw new CheckpointError('model.json: "tensors" must be an array');
  const bytes = asBytes(data);
  if (typeof json.weightsByteLength === 'number' && bytes.byteLength !== json.weightsByteLength) {
    // Not fatal yet: the per-tensor check below names the first tensor that does not fit.
    if (bytes.byteLength > json.weightsByteLength) {
      throw new CheckpointError(`weights.bin has ${bytes.byteLength} bytes, model.json says ${json.weightsByteLength}: it belongs to another model`);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map(json.tensors.map((t) => [t?.name, t]));
  const weights = new Map<string, Float32Array>();
  const expected = paramSpecs(config);
  const expectedNames = new Set(expected.map((s) => s.name));
  for (const t of json.tensors) {
    if (!expectedNames.has(t?.name)) throw new CheckpointError(`tensor "${t?.name}": not a parameter of this model (config ${JSON.stringify(config)})`);
  }
  for (const spec of expected) {
    const t = entries.get(spec.name);
    if (!t) throw new CheckpointError(`tensor "${spec.name}": missing from model.json`);
    if (t.dtype !== 'float32') throw new CheckpointError(`tensor "${spec.name}": dtype ${JSON.stringify(t.dtype)}, expected "float32"`);
    if (!Array.isArray(t.shape) || t.shape.length !== spec.shape.length || t.shape.some((n, i) => n !== spec.shape[i])) {
      throw new CheckpointError(`tensor "${spec.name}": shape [${t.shape}] does not match the config's [${spec.shape}]`);
    }
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (t.byteLength !== size * 4) throw new CheckpointError(`tensor "${spec.name}": byteLength ${t.byteLength}, expected ${size * 4} (${size} float32 values)`);
    if (!Number.isInteger(t.offset) || t.offset < 0) throw new CheckpointError(`tensor "${spec.name}": bad byte offset ${t.offset}`);
    if (t.offset + t.byteLength > bytes.byteLength) {
      throw new CheckpointError(`tensor "${spec.name}": needs bytes ${t.offset}–${t.offset + t.byteLength} but weights.bin has only ${bytes.byteLength} bytes (truncated file?)`);
    }
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(t.offset + 4 * i, true);
    weights.set(spec.name, values);
  }
  return { json, config, tokenizer, weights };
}

/** Read a model's weights and serialise it with its tokenizer and report. */
export async function checkpointFromModel(
  model: GPT,
  tokenizer: Tokenizer,
  training?: TrainingReport,
): Promise<{ json: ModelJSON; weights: Uint8Array<ArrayBuffer> }> {
  if (tokenizer.vocabSize !== model.config.vocabSize) {
    throw new CheckpointError(`cannot save: tokenizer has ${tokenizer.vocabSize} tokens but the model's vocabSize is ${model.config.vocabSize}`);
  }
  return serializeCheckpoint(model.config, await model.weights(), tokenizer.toJSON(), training);
}

/**
 * A checkpoint's identity: hex SHA-256 of its weights.bin bytes. model.json is left out on
 * purpose (re-formatting it or editing its training report changes no weight). A LoRA adapter
 * names the hash of the base it was trained on (lib/model/lora-file.ts).
 */
export function checkpointHash(weightsBin: Uint8Array): string {
  return sha256Hex(weightsBin);
}

/** checkpointHash of the weights.bin this model would save now (same bytes as the file it was loaded from). */
export async function modelHash(model: GPT): Promise<string> {
  // Only the weight bytes are hashed, so the tokenizer passed here (a placeholder) does not matter.
  return checkpointHash(serializeCheckpoint(model.config, await model.weights(), { kind: 'char', chars: ['?'] }).weights);
}

/** Build the model a parsed checkpoint describes (variables on the active backend). */
export function modelFromCheckpoint(parsed: ParsedCheckpoint): { model: GPT; tokenizer: Tokenizer; json: ModelJSON } {
  return { model: new GPT(parsed.config, parsed.weights), tokenizer: parsed.tokenizer, json: parsed.json };
}

/**
 * model.json text: one line per top-level field, per training-report field and per tensor,
 * so a diff or a reader sees the structure without scrolling past thousands of vocab lines.
 */
export function formatModelJSON(json: ModelJSON): string {
  const lines = Object.entries(json).map(([key, value]) => {
    if (key === 'tensors') {
      return ` "tensors": [\n${(value as TensorEntry[]).map((t) => '  ' + JSON.stringify(t)).join(',\n')}\n ]`;
    }
    if (key === 'training' && value) {
      const fields = Object.entries(value as TrainingReport).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      return ` "training": {\n${fields.join(',\n')}\n }`;
    }
    return ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
