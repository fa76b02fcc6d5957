// The CLI's path arguments (--corpus, --checkpoint, --out), checked before any work starts. A path
// that does not exist or is the wrong kind is a bad argument: UsageError, exit 2, naming the
// option and the path. Node only.
import { access, constants, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';

export async function readCorpus(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`option --corpus: cannot read "${path}": ${(e as Error).message}`);
  }
  if (text.length === 0) throw new UsageError(`option --corpus: "${path}" is empty`);
  return text;
}

/**
 * A checkpoint directory given on the command line must exist and hold model.json and
 * weights.bin; otherwise it is a bad argument (exit 2), not a failure while running. What is
 * *inside* the files is checked by the loader (a corrupt checkpoint exits 1, naming the tensor).
 */
export async function checkpointDir(path: string): Promise<string> {
  const kind = await pathKind(path);
  if (kind !== 'directory') {
    throw new UsageError(`option --checkpoint: "${path}" ${kind === 'missing' ? 'does not exist' : 'is not a directory'} (expected a directory with model.json and weights.bin)`);
  }
  for (const file of ['model.json', 'weights.bin']) {
    if ((await pathKind(join(path, file))) !== 'file') throw new UsageError(`option --checkpoint: "${path}" has no ${file}: not a checkpoint directory`);
  }
  return path;
}

/**
 * Make sure --out can be written before training starts, not after hours of it: create the
 * directory (and its parents) now and check it is writable.
 */
export async function outputDir(path: string): Promise<string> {
  const kind = await pathKind(path);
  if (kind === 'file' || kind === 'other') throw new UsageError(`option --out: "${path}" exists and is not a directory`);
  try {
    if (kind === 'missing') await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
  } catch (e) {
    throw new UsageError(`option --out: cannot write to "${path}": ${(e as Error).message}`);
  }
  return path;
}

async function pathKind(path: string): Promise<'missing' | 'directory' | 'file' | 'other'> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}
