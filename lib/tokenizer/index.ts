// Rebuild a tokenizer from the JSON a checkpoint stores.
import { bpeFromJSON } from './bpe';
import { CharTokenizer } from './char';
import type { Tokenizer, TokenizerJSON } from './types';

export type { Tokenizer, TokenizerJSON } from './types';
export { CharTokenizer } from './char';
export { BpeTokenizer, trainBpe } from './bpe';

export function tokenizerFromJSON(json: TokenizerJSON): Tokenizer {
  if (json === null || typeof json !== 'object') throw new Error('tokenizer: expected an object with a "kind"');
  switch (json.kind) {
    case 'char':
      if (!Array.isArray(json.chars)) throw new Error('tokenizer: char tokenizer needs a "chars" array');
      return new CharTokenizer(json.chars);
    case 'bpe':
      return bpeFromJSON(json);
    default:
      throw new Error(`tokenizer: unknown kind ${JSON.stringify((json as { kind: unknown }).kind)} (expected "char" or "bpe")`);
  }
}

/**
 * Token ids for text a reader typed: characters a char vocabulary lacks are skipped rather
 * than refused (byte-level BPE can encode anything). Widgets' prompts and attention inputs use it.
 */
export function encodeKnownChars(tokenizer: Tokenizer, text: string): number[] {
  if (tokenizer.kind !== 'char') return tokenizer.encode(text);
  const ids: number[] = [];
  for (const c of text) {
    try {
      ids.push(...tokenizer.encode(c));
    } catch {
      /* not in the vocabulary */
    }
  }
  return ids;
}
