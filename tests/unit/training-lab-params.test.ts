import { describe, expect, it } from 'vitest';
import { emaSmooth, linearTicks, logTicks, lossDomain, tickLabel } from '@/components/ui/chart-math';
import { configFromParams, crossParamProblem, paramCount, TRAINING_LAB_ID, trainingLabSchema } from '@/components/widgets/TrainingLab/params';
import { countParams, validateConfig } from '@/lib/model/config';
import { defaultValues, readParamsFromQuery, writeParamsToQuery } from '@/lib/state/params';
import { createWidgetParamsStore } from '@/lib/state/widget-store';

const schema = trainingLabSchema();

describe('TrainingLab params', () => {
  it('round-trip the URL: only changed values are written, and read back equal', () => {
    const values = { ...defaultValues(schema), lr: 0.01, layers: 3, corpus: 'tang-poetry' as const, logScale: true };
    const query = writeParamsToQuery(TRAINING_LAB_ID, schema, values, new URLSearchParams('other=1'));
    expect(query.toString()).toBe('other=1&w.training.corpus=tang-poetry&w.training.layers=3&w.training.lr=0.01&w.training.logScale=true');
    expect(readParamsFromQuery(TRAINING_LAB_ID, schema, query)).toEqual({ values, issues: {} });
  });

  it('clamp or refuse hand-edited values, with an issue naming what was given', () => {
    const query = new URLSearchParams('w.training.layers=99&w.training.lr=fast&w.training.heads=2.6&w.training.backend=tpu');
    const { values, issues } = readParamsFromQuery(TRAINING_LAB_ID, schema, query);
    expect(values.layers).toBe(8);
    expect(issues.layers).toMatchObject({ kind: 'clamped', raw: '99', min: 1, max: 8 });
    expect(values.lr).toBe(0.003);
    expect(issues.lr).toMatchObject({ kind: 'not-a-number', raw: 'fast' });
    expect(values.heads).toBe(3);
    expect(issues.heads).toMatchObject({ kind: 'rounded' });
    expect(values.backend).toBe('auto');
    expect(issues.backend).toMatchObject({ kind: 'not-an-option', raw: 'tpu' });
  });

  it('a Chinese chapter can default to the Tang poems without writing it into links', () => {
    const zh = trainingLabSchema('tang-poetry');
    expect(writeParamsToQuery(TRAINING_LAB_ID, zh, defaultValues(zh), new URLSearchParams()).toString()).toBe('');
  });

  it('typed values go through the same checks; reset restores the defaults', () => {
    const store = createWidgetParamsStore(TRAINING_LAB_ID, schema);
    store.getState().setParam('steps', '-5');
    expect(store.getState().params.steps).toBe(1);
    expect(store.getState().issues.steps).toMatchObject({ kind: 'clamped' });
    store.getState().reset();
    expect(store.getState().params).toEqual(defaultValues(schema));
    expect(store.getState().issues).toEqual({});
  });

  it('flags d_model not divisible by heads (the model could not be built)', () => {
    const p = { ...defaultValues(schema), dModel: 64, heads: 3 };
    expect(crossParamProblem(p, 'en')?.message).toMatch(/d_model = 64 is not divisible by 3 heads/);
    expect(crossParamProblem({ ...p, heads: 4 }, 'en')).toBeNull();
  });

  it('the parameter count shown is the model\'s exact count for the corpus vocabulary', () => {
    const p = defaultValues(schema);
    const config = validateConfig({ vocabSize: 62, contextLength: 64, nLayer: 2, nHead: 4, dModel: 64 });
    expect(paramCount(p, 0)).toBe(countParams(config));
    expect(configFromParams({ ...p, tokenizer: 'bpe', bpeVocab: 700 }, 0).vocabSize).toBe(700);
    expect(configFromParams({ ...p, start: 'checkpoint' }, 0)).toMatchObject({ nLayer: 4, dModel: 128 });
  });
});

describe('loss chart maths', () => {
  it('debiased EMA starts at the first value and follows a constant exactly', () => {
    expect(emaSmooth([4, 4, 4], 0.9)).toEqual([4, 4, 4].map(() => expect.closeTo(4, 12)));
    const s = emaSmooth([4, 2], 0.5);
    expect(s[0]).toBeCloseTo(4);
    expect(s[1]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / 0.75);
    expect(emaSmooth([1, 2], 0)).toEqual([1, 2]);
  });

  it('ticks are round numbers inside the range', () => {
    expect(linearTicks(0, 300, 6)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(logTicks(0.9, 4.4)).toEqual([1, 2]);
    expect(logTicks(0.05, 11)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });
});

describe('TrainingLab placeholder', () => {
  it('states the real defaults and the widget\'s own words', async () => {
    const { CHAR_VOCAB, DEFAULT_SHAPE, PLACEHOLDER_TEXT } = await import('@/components/widgets/TrainingLab/placeholder-facts');
    const { STRINGS } = await import('@/components/widgets/TrainingLab/strings');
    const { CORPORA } = await import('@/components/widgets/TrainingLab/params');
    const d = defaultValues(schema);
    expect(DEFAULT_SHAPE).toEqual({ nLayer: d.layers, nHead: d.heads, dModel: d.dModel, contextLength: d.context });
    for (const corpus of ['tiny-shakespeare', 'tang-poetry'] as const) {
      expect(CHAR_VOCAB[corpus]).toBe(CORPORA[corpus].charVocab);
      for (const locale of ['en', 'zh'] as const) expect(PLACEHOLDER_TEXT[locale].corpora[corpus]).toBe(STRINGS[locale].corpora[corpus]);
    }
    for (const locale of ['en', 'zh'] as const) {
      expect(PLACEHOLDER_TEXT[locale].title).toBe(STRINGS[locale].title);
      expect(PLACEHOLDER_TEXT[locale].subtitle).toBe(STRINGS[locale].subtitle);
    }
  });
});

describe('lossDomain', () => {
  it('never gives repeated tick labels for one point beside the baseline (4.12 vs ln 62 = 4.13)', () => {
    const [lo, hi] = lossDomain(4.1197, 4.1271, false);
    expect(hi - lo).toBeGreaterThan(0.4);
    expect(lo).toBeLessThan(4.1197);
    expect(hi).toBeGreaterThan(4.1271);
    const labels = linearTicks(lo, hi, 5).map(tickLabel);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps a wide range as it was: 8 % headroom, not below 0', () => {
    expect(lossDomain(1, 5, false)).toEqual([1 - 0.32, 5 + 0.32]);
    expect(lossDomain(0.05, 4, false)[0]).toBe(0);
    const [a, b] = lossDomain(1, 5, true);
    expect(a).toBeCloseTo(0.9);
    expect(b).toBeCloseTo(5.5);
  });
});

