// Declared widget parameters, in the TensorFlow Playground habit: every knob a widget has is a
// named, typed, bounded value with a default, so it can round-trip through the URL
// (`?w.training.lr=0.003`), be reset, and be checked wherever it comes from (a slider, a typed
// value, a hand-edited link). Pure functions; the store and the URL mirror build on them.

export type NumberParam = {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** Only whole numbers (layers, heads, steps …). */
  integer?: boolean;
};
export type EnumParam<T extends string = string> = { kind: 'enum'; default: T; options: readonly T[] };
export type BooleanParam = { kind: 'boolean'; default: boolean };
export type TextParam = { kind: 'text'; default: string; maxLength: number };
export type ParamSpec = NumberParam | EnumParam | BooleanParam | TextParam;
export type ParamSchema = Record<string, ParamSpec>;

export type ParamValue<S extends ParamSpec> = S extends NumberParam
  ? number
  : S extends EnumParam<infer T>
    ? T
    : S extends BooleanParam
      ? boolean
      : string;
export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ParamValue<S[K]> };

/** Why a value given for a param was not taken as it was (the UI words it in the reader's language). */
export type ParamIssue =
  | { kind: 'clamped'; raw: string; value: number; min: number; max: number }
  | { kind: 'rounded'; raw: string; value: number }
  | { kind: 'not-a-number'; raw: string; value: number }
  | { kind: 'not-an-option'; raw: string; value: string; options: readonly string[] }
  | { kind: 'not-a-boolean'; raw: string; value: boolean }
  | { kind: 'too-long'; raw: string; value: string; maxLength: number };

export interface Checked<V> {
  value: V;
  issue?: ParamIssue;
}

const shorten = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 37)}…` : raw);

/** Turn any input (typed text, a URL value, a number from a slider) into a valid value for the spec. */
export function checkParam<S extends ParamSpec>(spec: S, input: unknown): Checked<ParamValue<S>> {
  return checkAny(spec, input) as Checked<ParamValue<S>>;
}

function checkAny(spec: ParamSpec, input: unknown): Checked<number | string | boolean> {
  const raw = shorten(String(input));
  switch (spec.kind) {
    case 'number': {
      const n = typeof input === 'number' ? input : typeof input === 'string' && input.trim() !== '' ? Number(input) : NaN;
      if (!Number.isFinite(n)) return { value: spec.default, issue: { kind: 'not-a-number', raw, value: spec.default } };
      const clamped = Math.min(spec.max, Math.max(spec.min, n));
      const value = spec.integer ? Math.round(clamped) : clamped;
      if (clamped !== n) return { value, issue: { kind: 'clamped', raw, value, min: spec.min, max: spec.max } };
      if (value !== clamped) return { value, issue: { kind: 'rounded', raw, value } };
      return { value };
    }
    case 'enum': {
      const s = String(input);
      if (spec.options.includes(s)) return { value: s };
      return { value: spec.default, issue: { kind: 'not-an-option', raw, value: spec.default, options: spec.options } };
    }
    case 'boolean': {
      if (input === true || input === 'true' || input === '1') return { value: true };
      if (input === false || input === 'false' || input === '0') return { value: false };
      return { value: spec.default, issue: { kind: 'not-a-boolean', raw, value: spec.default } };
    }
    case 'text': {
      const s = String(input);
      if (s.length <= spec.maxLength) return { value: s };
      return { value: s.slice(0, spec.maxLength), issue: { kind: 'too-long', raw, value: s.slice(0, spec.maxLength), maxLength: spec.maxLength } };
    }
  }
}

export function defaultValues<S extends ParamSchema>(schema: S): ParamValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) values[key] = spec.default;
  return values as ParamValues<S>;
}

const queryKey = (widgetId: string, key: string) => `w.${widgetId}.${key}`;

/** Read a widget's params from a query string; unknown keys are ignored, bad values reported. */
export function readParamsFromQuery<S extends ParamSchema>(
  widgetId: string,
  schema: S,
  query: URLSearchParams,
): { values: ParamValues<S>; issues: Partial<Record<keyof S, ParamIssue>> } {
  const values = defaultValues(schema) as Record<string, unknown>;
  const issues: Partial<Record<keyof S, ParamIssue>> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const raw = query.get(queryKey(widgetId, key));
    if (raw === null) continue;
    const checked = checkParam(spec, raw);
    values[key] = checked.value;
    if (checked.issue) issues[key as keyof S] = checked.issue;
  }
  return { values: values as ParamValues<S>, issues };
}

/** Write a widget's params into a query string: only values that differ from the defaults, so links stay short. */
export function writeParamsToQuery<S extends ParamSchema>(
  widgetId: string,
  schema: S,
  values: ParamValues<S>,
  query: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(query);
  for (const [key, spec] of Object.entries(schema)) {
    const value = (values as Record<string, unknown>)[key];
    if (value === spec.default) next.delete(queryKey(widgetId, key));
    else next.set(queryKey(widgetId, key), String(value));
  }
  return next;
}
