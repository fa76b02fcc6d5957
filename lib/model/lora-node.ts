// LoRA adapters as files in a directory: DIR/adapter.json + DIR/adapter.bin (Node only).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainingReport } from './checkpoint';
import type { GPT } from './gpt';
import type { LoraAdapter } from './lora';
import { AdapterError, type AdapterJSON, adapterFileFor, adapterFromFile } from './lora-file';

/** Write `adapter` (trained on `base`) to DIR; adapter.json names base's checkpoint hash. */
export async function saveAdapter(dir: string, base: GPT, adapter: LoraAdapter, training?: TrainingReport): Promise<AdapterJSON> {
  const { json, bytes } = await adapterFileFor(base, adapter, training);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'adapter.bin'), bytes);
  await writeFile(join(dir, 'adapter.json'), JSON.stringify(json, null, 1) + '\n');
  return json;
}

/** Read DIR's adapter for `base`; refused (AdapterError naming both hashes) if it was trained on another base. */
export async function loadAdapter(dir: string, base: GPT): Promise<LoraAdapter> {
  let text: string;
  let bytes: Uint8Array;
  try {
    text = await readFile(join(dir, 'adapter.json'), 'utf8');
    bytes = await readFile(join(dir, 'adapter.bin'));
  } catch (e) {
    throw new AdapterError(`cannot read adapter in ${dir}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AdapterError(`${join(dir, 'adapter.json')} is not valid JSON: ${(e as Error).message}`);
  }
  return adapterFromFile(base, raw, bytes);
}
