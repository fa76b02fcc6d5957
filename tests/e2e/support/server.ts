// Starts scripts/serve.mjs on a free port against the production build in out/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const OUT_DIR = path.join(REPO_ROOT, 'out');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface StaticSite {
  url: string;
  stop(): Promise<void>;
}

export async function startStaticSite(outDir = OUT_DIR): Promise<StaticSite> {
  if (!existsSync(path.join(outDir, 'index.html'))) {
    throw new Error('No production build in out/: run `BOOK_TEST_FIXTURES=1 npx next build` (npm test does this) first.');
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'serve.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), OUT_DIR: outDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('http://')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
