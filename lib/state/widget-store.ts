// One zustand store per widget instance: its declared params (plain serialisable data), the
// issues found in the last values given, and the mirror into the page URL so a link, a reload
// or presenter mode restores the exact state (DESIGN.md: params ↔ URL).
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  checkParam,
  defaultValues,
  readParamsFromQuery,
  writeParamsToQuery,
  type ParamIssue,
  type ParamSchema,
  type ParamValues,
} from './params';

export interface WidgetParamsState<S extends ParamSchema> {
  widgetId: string;
  schema: S;
  params: ParamValues<S>;
  /** What was wrong with the last value given for a param (shown beside its control). */
  issues: Partial<Record<keyof S, ParamIssue>>;
  /** Whether the params have been read from the page URL yet (a static render starts with defaults). */
  fromUrl: boolean;
  setParam<K extends keyof S & string>(key: K, input: unknown): void;
  reset(): void;
}

export type WidgetParamsStore<S extends ParamSchema> = StoreApi<WidgetParamsState<S>>;

/** A store whose initial params come from `query` (e.g. `location.search`); nothing touches the URL yet. */
export function createWidgetParamsStore<S extends ParamSchema>(widgetId: string, schema: S, query?: URLSearchParams): WidgetParamsStore<S> {
  const initial = query ? readParamsFromQuery(widgetId, schema, query) : { values: defaultValues(schema), issues: {} };
  return createStore<WidgetParamsState<S>>()((set) => ({
    widgetId,
    schema,
    params: initial.values,
    issues: initial.issues,
    fromUrl: Boolean(query),
    setParam(key, input) {
      const checked = checkParam(schema[key], input);
      set((state) => {
        const issues = { ...state.issues };
        if (checked.issue) issues[key] = checked.issue;
        else delete issues[key];
        return { params: { ...state.params, [key]: checked.value }, issues };
      });
    },
    reset() {
      set({ params: defaultValues(schema), issues: {} });
    },
  }));
}

/**
 * Keep the page URL in step with the store (replaceState, so the back button is not flooded),
 * debounced because sliders fire many changes a second. Returns the unsubscribe function.
 */
export function mirrorParamsToUrl<S extends ParamSchema>(store: WidgetParamsStore<S>, delayMs = 150): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    const { widgetId, schema, params } = store.getState();
    const url = new URL(window.location.href);
    const query = writeParamsToQuery(widgetId, schema, params, url.searchParams);
    const search = query.toString();
    if (search === url.searchParams.toString()) return;
    url.search = search;
    window.history.replaceState(window.history.state, '', url);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.params === previous.params) return;
    clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
