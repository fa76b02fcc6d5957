// LiveScalingSweep's declared params. They round-trip the URL as ?w.sweep.<key>=…, so a link or
// presenter mode restores the same sweep (the seed included: the same sweep gives the same numbers).
import type { ParamSchema, ParamValues } from '@/lib/state/params';
import { type SweepLength, type SweepMode, sweepPlan } from '@/lib/engine/features/sweep/plan';

export const SWEEP_ID = 'sweep';

/** The corpora a sweep can read (fetched by the worker) and their character vocabularies. */
export const SWEEP_CORPORA = {
  'tiny-shakespeare': { url: '/corpora/tiny-shakespeare.txt', charVocab: 62 },
  'tang-poetry': { url: '/corpora/tang-poetry.txt', charVocab: 3000 },
} as const;
export type SweepCorpus = keyof typeof SWEEP_CORPORA;

export const SWEEP_MODES: readonly SweepMode[] = ['tokens', 'compute'];
/** `tiny` is the smoke test (a browser test runs it); `quick` ≈ 2 minutes on a GPU; `long` for a lecture break. */
export const SWEEP_LENGTHS: readonly SweepLength[] = ['tiny', 'quick', 'long'];

export function sweepSchema(defaultCorpus: SweepCorpus = 'tiny-shakespeare') {
  return {
    mode: { kind: 'enum', default: 'tokens', options: SWEEP_MODES },
    length: { kind: 'enum', default: 'quick', options: SWEEP_LENGTHS },
    corpus: { kind: 'enum', default: defaultCorpus, options: ['tiny-shakespeare', 'tang-poetry'] },
    backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
    seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
  } as const satisfies ParamSchema;
}

export type SweepSchema = ReturnType<typeof sweepSchema>;
export type SweepParams = ParamValues<SweepSchema>;

/** The plan the current params describe (what the worker will train). */
export function planFor(p: SweepParams) {
  return sweepPlan(p.mode as SweepMode, p.length as SweepLength, SWEEP_CORPORA[p.corpus as SweepCorpus].charVocab, p.seed);
}
