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
          // The same folders reached by a relative path ('../../components/x', '../app/y'): lib/ has
          // no folder of either name, so any relative path through one leaves lib/.
          { regex: '^\\.\\.?/(.*/)?(components|app)(/|$)',
            message: 'lib/ never imports components/ or app/, by alias or by relative path (DESIGN.md).' },
        ],
      },
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage'],
  },
};

// JSX belongs to components/: lib/ is .ts only, except the two folders that may use React
// (the engine's React client and the zustand stores).
const libNoTsx = {
  files: ['lib/**/*.tsx'],
  ignores: ['lib/engine/client/**', 'lib/state/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: 'Program', message: 'lib/ holds no .tsx files outside lib/engine/client and lib/state: JSX belongs in components/ (DESIGN.md).' },
      { selector: 'JSXElement, JSXFragment', message: 'lib/ renders nothing: JSX belongs in components/ (DESIGN.md).' },
    ],
  },
};

const config = [
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'public/**', '.cache/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  libRestrictions,
  libNoTsx,
  // The book links pages with plain <a> on purpose: a static export with full page loads has no
  // client router prefetching RSC payloads, and it works the same without JavaScript.
  { rules: { '@next/next/no-html-link-for-pages': 'off' } },
];

export default config;
