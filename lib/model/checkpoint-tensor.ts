// Read one tensor out of a checkpoint (model.json's tensor index + the bytes of weights.bin)
// without tfjs, for widgets that only draw weights (e.g. the learned positions `wpe`).
// The full loader with every check is checkpoint.ts; this slices just what is asked for.
import type { ModelJSON } from './checkpoint';

export interface CheckpointTensor {
  name: string;
  shape: number[];
  /** Row-major float32 values (a copy; little-endian on every platform). */
  values: Float32Array;
}

export function readCheckpointTensor(json: Pick<ModelJSON, 'tensors'>, weights: ArrayBuffer | ArrayBufferView, name: string): CheckpointTensor {
  if (!json || !Array.isArray(json.tensors)) throw new Error('model.json: "tensors" must be an array of {name, shape, dtype, offset, byteLength}');
  const entry = json.tensors.find((t) => t?.name === name);
  if (!entry) throw new Error(`model.json has no tensor "${name}" (it has ${json.tensors.map((t) => t?.name).join(', ') || 'none'})`);
  if (entry.dtype !== 'float32') throw new Error(`tensor "${name}": dtype ${JSON.stringify(entry.dtype)}, expected "float32"`);
  if (!Array.isArray(entry.shape) || entry.shape.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`tensor "${name}": bad shape ${JSON.stringify(entry.shape)}`);
  const size = entry.shape.reduce((a, b) => a * b, 1);
  if (entry.byteLength !== size * 4) throw new Error(`tensor "${name}": byteLength ${entry.byteLength} does not match shape [${entry.shape}] (${size * 4} bytes)`);
  const bytes = weights instanceof ArrayBuffer ? new Uint8Array(weights) : new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
  if (!Number.isInteger(entry.offset) || entry.offset < 0 || entry.offset + entry.byteLength > bytes.byteLength) {
    throw new Error(`tensor "${name}": bytes ${entry.offset}–${entry.offset + entry.byteLength} are outside weights.bin (${bytes.byteLength} bytes; truncated file?)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.byteLength);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = view.getFloat32(4 * i, true);
  return { name, shape: entry.shape.slice(), values };
}
