import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// lib/ is framework-free TypeScript over tfjs (see ../shared/DESIGN.md): it runs in Node for
// tests and the CLI, and in the engine's worker. A wrong import here must fail `npm test`.
const libRestrictions = {
  files: ['lib/**/*.{ts,tsx}'],
  ignores: ['lib/engine/client/**', 'lib/state/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'react', message: 'lib/ must not import React (DESIGN.md: lib is framework-free).' },
          { name: 'react-dom', message: 'lib/ must not import React (DESIGN.md: lib is framework-free).' },
          { name: 'zustand', message: 'lib/ reports through callbacks, never by writing a store.' },
        ],
        patterns: [
          { group: ['react/*', 'react-dom/*', 'next', 'next/*', 'zustand/*', '@/components/*', '@/app/*'],
            message: 'lib/ never imports React, Next.js, stores or components (DESIGN.md).' },
        ],
      },
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage'],
  },
};

const config = [
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'public/**', '.cache/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  libRestrictions,
  // The book links pages with plain <a> on purpose: a static export with full page loads has no
  // client router prefetching RSC payloads, and it works the same without JavaScript.
  { rules: { '@next/next/no-html-link-for-pages': 'off' } },
];

export default config;
