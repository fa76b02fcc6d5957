import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// vitest 5's reporter calls Map.groupBy (Node ≥ 21) when it prints errors; on Node 20 that throws
// and hides the real failure. The config is loaded in vitest's main process, so polyfill it here.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

// Three projects: lib/ correctness (unit, Node), chapter checks (content, Node) and browser tests (e2e).
// e2e is started by scripts/e2e.mjs, which makes sure Chromium and a CJK font are installed first.
export default defineConfig({
  // `server-only` throws outside a React server bundle; lib/content's tests run it in plain Node.
  resolve: { alias: { '@': root, 'server-only': `${root}/tests/fixtures/server-only.ts` } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'content', include: ['tests/content/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
      {
        // Real pages and real engines in Debian's Chromium; one file at a time on 2 cores.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
