// One way to start Debian's Chromium for every browser test and benchmark (see ../shared/ENVIRONMENT.md).
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium floods the closed network with refused connections.
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// WebGPU gets SwiftShader's CPU adapter with this flag; WebGL2 runs on SwiftShader too.
const GPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh persistent context (Playwright refuses --user-data-dir in args) with WebGPU enabled. */
export async function launchChromium(options: { extraArgs?: string[]; viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'llm-book-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...QUIET_FLAGS, ...GPU_FLAGS, ...(options.extraArgs ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
