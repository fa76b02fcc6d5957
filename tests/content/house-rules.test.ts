// DESIGN.md's dependency direction is enforced by ESLint: lib/ never imports React, Next.js,
// stores, components or the DOM. These cases prove the rule really fires on a wrong import.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './book';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function ruleIds(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${filePath}` });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lib/ stays framework-free', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;\n", 'lib/model/wrong.ts'],
    ["import { notFound } from 'next/navigation';\nexport const x = notFound;\n", 'lib/content/wrong.ts'],
    ["import { KNOWN_COMPONENTS } from '@/components/mdx/registry';\nexport const x = KNOWN_COMPONENTS;\n", 'lib/content/wrong.ts'],
    ["import { create } from 'zustand';\nexport const x = create;\n", 'lib/train/wrong.ts'],
    // The same folders by relative path, which the '@/…' patterns alone did not catch.
    ["import { KNOWN_COMPONENTS } from '../../components/mdx/registry';\nexport const x = KNOWN_COMPONENTS;\n", 'lib/content/wrong.ts'],
    ["import Page from '../../app/[locale]/page';\nexport const x = Page;\n", 'lib/content/wrong.ts'],
    ["import { x as y } from '../app';\nexport const x = y;\n", 'lib/wrong.ts'],
  ])('rejects %j in %s', async (code, file) => {
    const messages = await ruleIds(code, file);
    expect(messages.some((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
  });

  it('rejects the DOM globals in lib/', async () => {
    const messages = await ruleIds('export const width = () => window.innerWidth;\n', 'lib/model/wrong.ts');
    expect(messages.some((m) => m.startsWith('no-restricted-globals:'))).toBe(true);
  });

  it('allows relative imports that stay inside lib/', async () => {
    const messages = await ruleIds("import { createRng } from '../sample/rng';\nexport const x = createRng;\n", 'lib/model/fine.ts');
    expect(messages.filter((m) => m.startsWith('no-restricted'))).toEqual([]);
  });

  it('rejects a .tsx file (and its JSX) in lib/ outside lib/engine/client and lib/state', async () => {
    const messages = await ruleIds('export const Box = () => <div />;\n', 'lib/content/wrong.tsx');
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax:')).length).toBe(2);
    // Even without JSX, the file itself is in the wrong place.
    const plain = await ruleIds('export const x = 1;\n', 'lib/model/wrong.tsx');
    expect(plain.some((m) => m.startsWith('no-restricted-syntax:') && m.includes('.tsx'))).toBe(true);
  });

  it('allows .tsx in lib/engine/client and lib/state', async () => {
    for (const file of ['lib/engine/client/fine.tsx', 'lib/state/fine.tsx']) {
      const messages = await ruleIds('export const Box = () => <div />;\n', file);
      expect(messages.filter((m) => m.startsWith('no-restricted')), file).toEqual([]);
    }
  });

  it('allows the same import in components/', async () => {
    const messages = await ruleIds("import { useState } from 'react';\nexport const x = useState;\n", 'components/site/fine.ts');
    expect(messages.filter((m) => m.startsWith('no-restricted'))).toEqual([]);
  });

  it('finds no problem in lib/content as committed', async () => {
    const results = await eslint.lintFiles(['lib/content/**/*.ts']);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`))).toEqual([]);
  });
});
