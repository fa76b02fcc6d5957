import { describe, expect, it } from 'vitest';
import { checkParam, defaultValues, readParamsFromQuery, writeParamsToQuery, type ParamSchema } from '@/lib/state/params';

const schema = {
  lr: { kind: 'number', default: 3e-3, min: 1e-5, max: 1 },
  layers: { kind: 'number', default: 2, min: 1, max: 8, integer: true },
  corpus: { kind: 'enum', default: 'tang-poetry', options: ['tang-poetry', 'shakespeare', 'pasted'] },
  bpe: { kind: 'boolean', default: false },
  prompt: { kind: 'text', default: '', maxLength: 10 },
} satisfies ParamSchema;

describe('widget params', () => {
  it('round-trip through the URL, writing only what differs from the defaults', () => {
    const values = { ...defaultValues(schema), lr: 0.0005, layers: 4, corpus: 'shakespeare' as const, bpe: true, prompt: '床前明月光' };
    const query = writeParamsToQuery('training', schema, values, new URLSearchParams('ref=toc&w.training.lr=1'));
    expect(query.get('ref')).toBe('toc'); // other params of the page survive
    expect(query.get('w.training.lr')).toBe('0.0005');
    const back = readParamsFromQuery('training', schema, new URLSearchParams(query.toString()));
    expect(back.values).toEqual(values);
    expect(back.issues).toEqual({});
    const defaults = writeParamsToQuery('training', schema, defaultValues(schema), query);
    expect([...defaults.keys()]).toEqual(['ref']);
  });

  it('clamp out-of-range numbers, round integers, and refuse non-numbers with the default', () => {
    expect(checkParam(schema.lr, '5')).toEqual({ value: 1, issue: { kind: 'clamped', raw: '5', value: 1, min: 1e-5, max: 1 } });
    expect(checkParam(schema.layers, 2.6)).toEqual({ value: 3, issue: { kind: 'rounded', raw: '2.6', value: 3 } });
    expect(checkParam(schema.lr, 'fast')).toMatchObject({ value: 3e-3, issue: { kind: 'not-a-number' } });
    expect(checkParam(schema.lr, '')).toMatchObject({ value: 3e-3, issue: { kind: 'not-a-number' } });
    expect(checkParam(schema.lr, 'NaN').issue?.kind).toBe('not-a-number');
    expect(checkParam(schema.lr, 'Infinity').issue?.kind).toBe('not-a-number');
    expect(checkParam(schema.lr, '1e-3')).toEqual({ value: 0.001 });
  });

  it('report each bad value from a hand-edited link and keep the rest', () => {
    const query = new URLSearchParams('w.training.layers=99&w.training.corpus=wikipedia&w.training.bpe=maybe&w.training.prompt=' + 'x'.repeat(500) + '&w.training.lr=0.01');
    const { values, issues } = readParamsFromQuery('training', schema, query);
    expect(values).toEqual({ lr: 0.01, layers: 8, corpus: 'tang-poetry', bpe: false, prompt: 'x'.repeat(10) });
    expect(Object.keys(issues).sort()).toEqual(['bpe', 'corpus', 'layers', 'prompt']);
    expect(issues.prompt?.raw.length).toBeLessThanOrEqual(40); // a pasted megabyte is not echoed back whole
  });

  it('keeps widgets apart by their id', () => {
    const query = new URLSearchParams('w.sampling.lr=0.5');
    expect(readParamsFromQuery('training', schema, query).values.lr).toBe(3e-3);
  });
});

describe('widget params store', async () => {
  const { createWidgetParamsStore } = await import('@/lib/state/widget-store');

  it('starts from the URL, reports a bad value beside its param, clears it once fixed, and resets', () => {
    const store = createWidgetParamsStore('training', schema, new URLSearchParams('w.training.layers=abc&w.training.lr=0.01'));
    expect(store.getState().params.lr).toBe(0.01);
    expect(store.getState().issues.layers?.kind).toBe('not-a-number');
    store.getState().setParam('layers', '4');
    expect(store.getState().params.layers).toBe(4);
    expect(store.getState().issues).toEqual({});
    store.getState().setParam('lr', -3);
    expect(store.getState().params.lr).toBe(1e-5);
    expect(store.getState().issues.lr?.kind).toBe('clamped');
    store.getState().reset();
    expect(store.getState().params).toEqual(defaultValues(schema));
    expect(store.getState().issues).toEqual({});
  });
});
