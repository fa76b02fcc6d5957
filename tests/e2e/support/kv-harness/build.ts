// Bundles the KV-cache harness page into .cache/kv-harness, the same way as the engine harness;
// served by the engine harness's static server (which also serves tfjs's .wasm files under /tfjs/).
import path from 'node:path';
import { bundleHarnessPage } from '../engine-harness/serve';

const here = import.meta.dirname;
const root = path.resolve(here, '../../../..');

export function buildKvHarness(outDir = path.join(root, '.cache', 'kv-harness')): Promise<string> {
  return bundleHarnessPage({ page: path.join(here, 'page.ts') }, outDir, here);
}
