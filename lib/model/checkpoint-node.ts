// Checkpoints as files in a directory: DIR/model.json + DIR/weights.bin (Node only).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GPT } from './gpt';
import type { Tokenizer } from '../tokenizer/types';
import { CheckpointError, checkpointFromModel, formatModelJSON, type ModelJSON, modelFromCheckpoint, parseCheckpoint, type TrainingReport } from './checkpoint';

export async function saveCheckpoint(dir: string, model: GPT, tokenizer: Tokenizer, training?: TrainingReport): Promise<ModelJSON> {
  const { json, weights } = await checkpointFromModel(model, tokenizer, training);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'weights.bin'), weights);
  await writeFile(join(dir, 'model.json'), formatModelJSON(json));
  return json;
}

export async function loadCheckpoint(dir: string): Promise<{ model: GPT; tokenizer: Tokenizer; json: ModelJSON }> {
  let text: string;
  let bytes: Uint8Array;
  try {
    text = await readFile(join(dir, 'model.json'), 'utf8');
    bytes = await readFile(join(dir, 'weights.bin'));
  } catch (e) {
    throw new CheckpointError(`cannot read checkpoint in ${dir}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CheckpointError(`${join(dir, 'model.json')} is not valid JSON: ${(e as Error).message}`);
  }
  return modelFromCheckpoint(parseCheckpoint(raw, bytes));
}
