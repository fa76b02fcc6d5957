'use client';
// A widget's declared params as a zustand store mirrored into the URL (?w.<id>.<key>=…).
// Defaults first, so the server render and the first client render agree; the URL is read
// after hydration and wins.
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { readParamsFromQuery, writeParamsToQuery, type ParamSchema, type ParamValues } from '@/lib/state/params';
import { createWidgetParamsStore, mirrorParamsToUrl } from '@/lib/state/widget-store';

export function useWidgetParams<S extends ParamSchema>(widgetId: string, schema: S) {
  const store = useMemo(() => createWidgetParamsStore(widgetId, schema), [widgetId, schema]);
  const params = useStore(store, (s) => s.params);
  const issues = useStore(store, (s) => s.issues);
  // False until the URL has been applied: the static render shows defaults for a moment.
  const fromUrl = useStore(store, (s) => s.fromUrl);
  useEffect(() => {
    const { values, issues: urlIssues } = readParamsFromQuery(widgetId, schema, new URLSearchParams(window.location.search));
    store.setState({ params: values, issues: urlIssues, fromUrl: true });
    return mirrorParamsToUrl(store);
  }, [store, widgetId, schema]);
  const setParam = store.getState().setParam as (key: keyof S & string, value: unknown) => void;
  const setMany = (values: Partial<ParamValues<S>>) => store.setState((s) => ({ params: { ...s.params, ...values }, issues: {} }));
  return { store, params, issues, setParam, setMany, reset: store.getState().reset, fromUrl };
}

/** The presenter-mode link for a widget, carrying its current params. */
export function presentHref<S extends ParamSchema>(locale: string, slug: string, widgetId: string, schema: S, params: ParamValues<S>): string {
  const search = writeParamsToQuery(widgetId, schema, params, new URLSearchParams()).toString();
  return `/${locale}/present/${slug}/${search ? `?${search}` : ''}`;
}
