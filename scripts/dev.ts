// `npm run dev`: `next dev` plus a watcher on the chapter files. Next.js does not watch content/
// (chapters are read with readFileSync), so this script tells open pages when an .mdx is saved and
// they refresh themselves (components/site/DevContentReload.tsx; docs/content-pipeline.md).
// Arguments go to `next dev` unchanged: `npm run dev -- --port 3001`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { contentRoots } from '../lib/content/chapters';
import { startContentEvents } from '../lib/content/dev-events';

const repoRoot = path.resolve(import.meta.dirname, '..');
const roots = contentRoots(repoRoot);

const events = await startContentEvents({
  roots,
  repoRoot,
  onChange: (files) => console.log(`[content] changed: ${files.join(', ')} → refreshing ${events.clients()} open page(s)`),
});
console.log(`[content] watching ${roots.map((r) => path.relative(repoRoot, r)).join(', ')} (change notices on port ${events.port})`);

const next = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  // Read by app/[locale]/layout.tsx at request time, so the page knows where to listen.
  env: { ...process.env, BOOK_CONTENT_EVENTS_PORT: String(events.port) },
});

// Ctrl-C reaches both processes from the terminal; a plain `kill <pid>` of this one is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on('exit', async (code, signal) => {
  await events.close();
  process.exit(code ?? (signal ? 1 : 0));
});
