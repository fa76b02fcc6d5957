// TokenizerPlayground's declared params (?w.tokenizer.<key>=…). The reader's text is component
// state, not a param: it can be long.
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const TOKENIZER_ID = 'tokenizer';

/** BPE trains on this many characters from the start of the corpus: ≈0.1–1 s in a worker. */
export const CORPUS_SLICE = 100_000;

export const CORPORA = {
  'tiny-shakespeare': { url: '/corpora/tiny-shakespeare.txt' },
  'tang-poetry': { url: '/corpora/tang-poetry.txt' },
} as const;
export type PlaygroundCorpus = keyof typeof CORPORA;

export function tokenizerSchema(corpus: PlaygroundCorpus = 'tiny-shakespeare') {
  return {
    corpus: { kind: 'enum', default: corpus, options: ['tiny-shakespeare', 'tang-poetry'] },
    merges: { kind: 'number', default: 500, min: 10, max: 1000, integer: true },
    /** Show the text after this many merges (clamped to the merges learned so far). */
    step: { kind: 'number', default: 500, min: 0, max: 1000, integer: true },
  } as const satisfies ParamSchema;
}
export type TokenizerParams = ParamValues<ReturnType<typeof tokenizerSchema>>;
