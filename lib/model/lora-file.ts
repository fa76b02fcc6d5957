// LoRA adapter files (DESIGN.md): adapter.json (the LoRA config, the base checkpoint's hash and
// shape, a tensor index) + adapter.bin (little-endian float32, tensors back to back in the
// index's order). Pure: bytes in, bytes out; lora-node.ts does the file I/O. An adapter only
// makes sense on the exact weights it was trained against, so loading compares the base hash
// (checkpointHash = SHA-256 of weights.bin) and refuses any other base, naming both hashes.
import type { GPTConfig } from './config';
import { modelHash } from './checkpoint';
import type { GPT } from './gpt';
import { type LoraConfig, LoraAdapter, loraTensorSpecs, validateLoraConfig } from './lora';
import type { TensorEntry, TrainingReport } from './checkpoint';

export const ADAPTER_FORMAT = 'live-llm-book/lora-adapter';
export const ADAPTER_VERSION = 1;

export interface AdapterJSON {
  format: typeof ADAPTER_FORMAT;
  version: number;
  /** The checkpoint it was trained on: SHA-256 of its weights.bin and its shape. */
  base: { sha256: string; config: GPTConfig };
  lora: LoraConfig;
  numParams: number;
  training?: TrainingReport;
  weightsByteLength: number;
  tensors: TensorEntry[];
}

export class AdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterError';
  }
}

/** adapter.json + adapter.bin bytes of an adapter trained on the base whose hash is `baseHash`. */
export async function serializeAdapter(
  adapter: LoraAdapter,
  baseHash: string,
  training?: TrainingReport,
): Promise<{ json: AdapterJSON; bytes: Uint8Array<ArrayBuffer> }> {
  const values = await adapter.weights();
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const spec of loraTensorSpecs(adapter.modelConfig, adapter.config)) {
    const byteLength = spec.shape[0] * spec.shape[1] * 4;
    tensors.push({ name: spec.name, shape: spec.shape, dtype: 'float32', offset, byteLength });
    offset += byteLength;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  for (const entry of tensors) {
    const v = values.get(entry.name)!;
    for (let i = 0; i < v.length; i++) view.setFloat32(entry.offset + 4 * i, v[i], true);
  }
  const json: AdapterJSON = {
    format: ADAPTER_FORMAT,
    version: ADAPTER_VERSION,
    base: { sha256: baseHash, config: adapter.modelConfig },
    lora: adapter.config,
    numParams: offset / 4,
    ...(training ? { training } : {}),
    weightsByteLength: offset,
    tensors,
  };
  return { json, bytes };
}

/** Save form when the base is a model in memory: its hash is computed from its weights. */
export async function adapterFileFor(model: GPT, adapter: LoraAdapter, training?: TrainingReport) {
  if (adapter.isMerged) throw new AdapterError('cannot save an adapter while it is merged into the base (the base hash would be the merged one): unmerge it first');
  adapter.assertFits(model);
  return serializeAdapter(adapter, await modelHash(model), training);
}

/**
 * Check adapter.json + adapter.bin against the model it is meant for and build the adapter.
 * Refuses another base (hash differs), another shape, and malformed files, naming what is wrong.
 */
export async function adapterFromFile(model: GPT, raw: unknown, data: ArrayBuffer | ArrayBufferView): Promise<LoraAdapter> {
  if (raw === null || typeof raw !== 'object') throw new AdapterError('adapter.json: expected a JSON object');
  const json = raw as AdapterJSON;
  if (json.format !== ADAPTER_FORMAT) throw new AdapterError(`adapter.json: format is ${JSON.stringify(json.format)}, expected "${ADAPTER_FORMAT}"`);
  if (json.version !== ADAPTER_VERSION) throw new AdapterError(`adapter.json: version ${json.version} is not supported (this code reads version ${ADAPTER_VERSION})`);
  if (typeof json.base?.sha256 !== 'string') throw new AdapterError('adapter.json: base.sha256 is missing');
  const actual = await modelHash(model);
  if (json.base.sha256 !== actual) {
    throw new AdapterError(
      `adapter was trained on base checkpoint sha256 ${json.base.sha256}, but this model's weights hash to ${actual}: load it onto the checkpoint it was trained on`,
    );
  }
  let lora: LoraConfig;
  try {
    lora = validateLoraConfig(json.lora);
  } catch (e) {
    throw new AdapterError(`adapter.json: ${(e as Error).message}`);
  }
  if (!Array.isArray(json.tensors)) throw new AdapterError('adapter.json: "tensors" must be an array');
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const specs = loraTensorSpecs(model.config, lora);
  const expected = new Set(specs.map((s) => s.name));
  for (const t of json.tensors) if (!expected.has(t?.name)) throw new AdapterError(`tensor "${t?.name}": not part of an adapter with targets ${JSON.stringify(lora.targets)}`);
  const entries = new Map(json.tensors.map((t) => [t.name, t]));
  const values = new Map<string, Float32Array>();
  for (const spec of specs) {
    const t = entries.get(spec.name);
    if (!t) throw new AdapterError(`tensor "${spec.name}": missing from adapter.json`);
    if (t.dtype !== 'float32') throw new AdapterError(`tensor "${spec.name}": dtype ${JSON.stringify(t.dtype)}, expected "float32"`);
    if (!Array.isArray(t.shape) || t.shape.length !== 2 || t.shape[0] !== spec.shape[0] || t.shape[1] !== spec.shape[1]) {
      throw new AdapterError(`tensor "${spec.name}": shape [${t.shape}] does not match [${spec.shape}]`);
    }
    const size = spec.shape[0] * spec.shape[1];
    if (t.byteLength !== size * 4 || !Number.isInteger(t.offset) || t.offset < 0) throw new AdapterError(`tensor "${spec.name}": bad offset ${t.offset} or byteLength ${t.byteLength}`);
    if (t.offset + t.byteLength > bytes.byteLength) {
      throw new AdapterError(`tensor "${spec.name}": needs bytes ${t.offset}–${t.offset + t.byteLength} but adapter.bin has only ${bytes.byteLength} bytes (truncated file?)`);
    }
    const v = new Float32Array(size);
    for (let i = 0; i < size; i++) v[i] = view.getFloat32(t.offset + 4 * i, true);
    values.set(spec.name, v);
  }
  return new LoraAdapter(model.config, lora, values);
}
