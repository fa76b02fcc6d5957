import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Two Node projects: lib/ correctness (unit) and chapter checks (content).
// Browser tests live in tests/e2e and are driven by scripts/e2e.mjs against the production build.
export default defineConfig({
  resolve: { alias: { '@': root } },
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
    ],
  },
});
