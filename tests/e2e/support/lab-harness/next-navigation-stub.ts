// The harness has no Next router: useParams reads ?locale= from the page URL instead.
export function useParams<T>(): T {
  const locale = new URLSearchParams(globalThis.location?.search ?? '').get('locale') ?? 'en';
  return { locale } as T;
}
