// Byte-level BPE (GPT-2 style): ids 0–255 are the bytes of UTF-8, merge i makes id 256 + i.
//
// Training pre-splits text into chunks with GPT-2's pattern (letters, numbers, punctuation
// runs, whitespace; a leading space stays with the word after it) and counts pairs per
// *unique* chunk weighted by its frequency, so merges never cross a chunk boundary and a
// repeated word costs nothing extra. Chinese has no spaces: `\p{L}` covers Han characters, so a
// run of them between punctuation (one clause of a poem, 秦時明月漢時關) is one chunk. Each
// character is 3 bytes, so the first merges glue bytes into characters; later ones may join
// frequent characters into words (明月) inside a clause, never across `，` or `。`.

import type { Tokenizer, TokenizerJSON } from './types';

/** One learned merge, as the tokenizer widget steps through them. */
export interface BpeMerge {
  /** The two token ids joined (left, right). */
  pair: [number, number];
  /** The new token's id (256 + merge index). */
  id: number;
  /** How often the pair stood side by side in the training text when it was chosen. */
  count: number;
  /** How many times it was replaced (less than `count` when the pair overlaps itself, as in "aaa"). */
  replacements: number;
  /** The new token as text (see `tokenText`). */
  text: string;
}

/** What a tokenizer knows of a merge without its training run (see `BpeTokenizer.merges`). */
export type LearnedMerge = Pick<BpeMerge, 'pair' | 'id' | 'text'>;

export interface TrainBpeOptions {
  /** Called after each merge (merge index from 0), e.g. to draw the vocabulary growing. */
  onMerge?: (merge: BpeMerge, index: number) => void;
  /** Stop when the most frequent pair occurs fewer times than this (default 2). */
  minFrequency?: number;
}

export interface TrainBpeResult {
  tokenizer: BpeTokenizer;
  merges: BpeMerge[];
  /** Why training ended: the target vocabulary was reached, or no pair was frequent enough. */
  stoppedBecause: 'vocab-size-reached' | 'no-frequent-pair';
}

// GPT-2's pre-tokenizer pattern, with Unicode classes (works in Node and every modern browser).
const CHUNK_PATTERN = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

// Pair (a, b) packed into one number; ordering keys orders pairs by a, then b (the tie-break).
const PAIR_RADIX = 2 ** 20;
const MAX_VOCAB = PAIR_RADIX;
const pairKey = (a: number, b: number) => a * PAIR_RADIX + b;

const utf8 = new TextEncoder();

/** Split text into the chunks BPE works inside. Joining them gives the text back. */
export function splitIntoChunks(text: string): string[] {
  return text.match(CHUNK_PATTERN) ?? [];
}

export class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe' as const;
  readonly vocabSize: number;
  /** Merge i joins pairs[i] into token 256 + i. */
  private readonly pairs: [number, number][];
  /** pairKey → merge rank (lower merges first). */
  private readonly ranks = new Map<number, number>();
  /** The bytes each token stands for. */
  private readonly tokenBytes: Uint8Array[] = [];
  private readonly chunkCache = new Map<string, number[]>();

  constructor(merges: [number, number][]) {
    this.pairs = merges.map(([a, b]) => [a, b]);
    for (let i = 0; i < 256; i++) this.tokenBytes.push(Uint8Array.of(i));
    this.pairs.forEach(([a, b], i) => {
      const id = 256 + i;
      for (const [side, t] of [['left', a], ['right', b]] as const) {
        if (!Number.isInteger(t) || t < 0 || t >= id) {
          throw new Error(`BPE merge ${i} (making token ${id}): its ${side} token ${t} is not an id defined before it (0–${id - 1})`);
        }
      }
      const key = pairKey(a, b);
      if (this.ranks.has(key)) throw new Error(`BPE merge ${i} repeats merge ${this.ranks.get(key)} (pair ${a}, ${b})`);
      this.ranks.set(key, i);
      const left = this.tokenBytes[a];
      const right = this.tokenBytes[b];
      const joined = new Uint8Array(left.length + right.length);
      joined.set(left);
      joined.set(right, left.length);
      this.tokenBytes.push(joined);
    });
    this.vocabSize = 256 + this.pairs.length;
  }

  encode(text: string): number[] {
    const ids: number[] = [];
    for (const chunk of splitIntoChunks(text)) {
      let chunkIds = this.chunkCache.get(chunk);
      if (!chunkIds) {
        chunkIds = this.encodeChunk(utf8.encode(chunk));
        if (this.chunkCache.size >= 100_000) this.chunkCache.clear(); // bound memory on long inputs
        this.chunkCache.set(chunk, chunkIds);
      }
      for (const id of chunkIds) ids.push(id);
    }
    return ids;
  }

  /** Apply merges in rank order: repeatedly merge every occurrence of the lowest-ranked pair present. */
  private encodeChunk(bytes: Uint8Array): number[] {
    let ids = Array.from(bytes);
    while (ids.length >= 2) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const rank = this.ranks.get(pairKey(ids[i], ids[i + 1]));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      if (bestRank === Infinity) break;
      const [a, b] = this.pairs[bestRank];
      ids = mergePair(ids, a, b, 256 + bestRank);
    }
    return ids;
  }

  decode(ids: number[]): string {
    const parts = ids.map((id) => this.bytesOf(id));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const p of parts) {
      bytes.set(p, offset);
      offset += p.length;
    }
    // Not fatal: a slice of ids may cut a character in half; the reader sees U+FFFD there.
    return new TextDecoder('utf-8').decode(bytes);
  }

  /** The bytes a token stands for. */
  bytesOf(id: number): Uint8Array {
    const bytes = this.tokenBytes[id];
    if (!Number.isInteger(id) || bytes === undefined) {
      throw new Error(`BPE token id ${id} is outside the vocabulary (0–${this.vocabSize - 1})`);
    }
    return bytes;
  }

  tokenText(id: number): string {
    return readableBytes(this.bytesOf(id));
  }

  toJSON(): TokenizerJSON {
    return { kind: 'bpe', merges: this.pairs.map(([a, b]) => [a, b]) };
  }

  /**
   * The merges this tokenizer applies, in rank order, as the tokenizer widget shows them — also
   * for a tokenizer loaded from a checkpoint, where trainBpe's counts are no longer known.
   * Fresh copies: changing them cannot change the tokenizer.
   */
  merges(): LearnedMerge[] {
    return this.pairs.map(([a, b], i) => ({ pair: [a, b], id: 256 + i, text: this.tokenText(256 + i) }));
  }
}

/** Rebuild a tokenizer from its checkpoint form, checking every merge. */
export function bpeFromJSON(json: TokenizerJSON): BpeTokenizer {
  if (json.kind !== 'bpe') throw new Error(`expected a BPE tokenizer (kind "bpe"), got kind "${String(json.kind)}"`);
  if (!Array.isArray(json.merges)) throw new Error('BPE tokenizer JSON: "merges" must be an array of [left, right] id pairs');
  json.merges.forEach((m, i) => {
    if (!Array.isArray(m) || m.length !== 2) throw new Error(`BPE tokenizer JSON: merge ${i} must be a [left, right] pair, got ${JSON.stringify(m)}`);
  });
  return new BpeTokenizer(json.merges);
}

/** Replace every non-overlapping (a, b), left to right, with `id`. */
function mergePair(ids: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else {
      out.push(ids[i]);
    }
  }
  return out;
}

/**
 * Bytes as a reader can see them: whole UTF-8 characters as themselves, control characters
 * escaped (`\n`, `\t`, `\x00`), and bytes that are only part of a character as `\xE6`.
 */
export function readableBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let complete = len > 0 && i + len <= bytes.length;
    for (let k = 1; complete && k < len; k++) complete = (bytes[i + k] & 0xc0) === 0x80;
    if (complete && len > 1) {
      const ch = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(i, i + len));
      if (!ch.includes('\ufffd')) {
        out += ch;
        i += len;
        continue;
      }
    }
    if (complete && len === 1) out += escapeAscii(b);
    else out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
    i += 1;
  }
  return out;
}

function escapeAscii(b: number): string {
  if (b === 0x0a) return '\\n';
  if (b === 0x09) return '\\t';
  if (b === 0x0d) return '\\r';
  if (b < 0x20 || b === 0x7f) return `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  if (b === 0x5c) return '\\\\';
  return String.fromCharCode(b);
}

/**
 * Learn merges greedily until the vocabulary has `targetVocabSize` tokens: each step merges
 * the most frequent adjacent pair (ties: lowest left id, then lowest right id).
 */
export function trainBpe(text: string, targetVocabSize: number, options: TrainBpeOptions = {}): TrainBpeResult {
  if (!Number.isInteger(targetVocabSize) || targetVocabSize < 256 || targetVocabSize > MAX_VOCAB) {
    throw new Error(`trainBpe: targetVocabSize must be an integer from 256 (the bytes) to ${MAX_VOCAB}, got ${targetVocabSize}`);
  }
  const minFrequency = options.minFrequency ?? 2;

  // Unique chunks with their counts; each becomes a mutable sequence of token ids.
  const chunkCounts = new Map<string, number>();
  for (const chunk of splitIntoChunks(text)) chunkCounts.set(chunk, (chunkCounts.get(chunk) ?? 0) + 1);
  const words: number[][] = [];
  const wordCounts: number[] = [];
  for (const [chunk, count] of chunkCounts) {
    words.push(Array.from(utf8.encode(chunk)));
    wordCounts.push(count);
  }

  // pairKey → frequency, and pairKey → the words it (may) occur in. Entries in `where` can go
  // stale after merges; they are checked when used rather than removed.
  const counts = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1) => {
    const ids = words[w];
    const c = wordCounts[w] * sign;
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = pairKey(ids[i], ids[i + 1]);
      const next = (counts.get(key) ?? 0) + c;
      if (next === 0) counts.delete(key);
      else counts.set(key, next);
      if (sign > 0) {
        let set = where.get(key);
        if (!set) where.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  for (let w = 0; w < words.length; w++) addPairs(w, 1);

  const merged: [number, number][] = [];
  const merges: BpeMerge[] = [];
  // Token bytes as they are made, for each merge's readable text.
  const tokenBytes: Uint8Array[] = Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
  let stoppedBecause: TrainBpeResult['stoppedBecause'] = 'vocab-size-reached';

  while (256 + merged.length < targetVocabSize) {
    let bestKey = -1;
    let bestCount = 0;
    for (const [key, count] of counts) {
      if (count > bestCount || (count === bestCount && key < bestKey)) {
        bestKey = key;
        bestCount = count;
      }
    }
    if (bestCount < minFrequency || bestKey < 0) {
      stoppedBecause = 'no-frequent-pair';
      break;
    }
    const a = Math.floor(bestKey / PAIR_RADIX);
    const b = bestKey % PAIR_RADIX;
    const id = 256 + merged.length;
    let replacements = 0;
    for (const w of where.get(bestKey) ?? []) {
      const ids = words[w];
      let present = false;
      for (let i = 0; i + 1 < ids.length && !present; i++) present = ids[i] === a && ids[i + 1] === b;
      if (!present) continue;
      addPairs(w, -1);
      const next = mergePair(ids, a, b, id);
      replacements += (ids.length - next.length) * wordCounts[w];
      words[w] = next;
      addPairs(w, 1);
    }
    where.delete(bestKey);
    counts.delete(bestKey);

    const bytes = new Uint8Array(tokenBytes[a].length + tokenBytes[b].length);
    bytes.set(tokenBytes[a]);
    bytes.set(tokenBytes[b], tokenBytes[a].length);
    tokenBytes.push(bytes);
    merged.push([a, b]);
    const merge: BpeMerge = { pair: [a, b], id, count: bestCount, replacements, text: readableBytes(bytes) };
    merges.push(merge);
    options.onMerge?.(merge, merges.length - 1);
  }

  return { tokenizer: new BpeTokenizer(merged), merges, stoppedBecause };
}
