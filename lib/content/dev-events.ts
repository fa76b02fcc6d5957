// Dev only: a tiny Server-Sent Events server that tells open pages when a chapter file changed.
// scripts/dev.ts starts it beside `next dev`; components/site/DevContentReload.tsx listens and
// calls router.refresh(). It lives outside Next.js because a Route Handler under
// `output: 'export'` must be static (docs/content-pipeline.md explains the choice).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { watchContent, type WatchOptions } from './watch';

export interface ContentEvents {
  /** The port it listens on (0 asks the system for a free one). */
  port: number;
  /** How many pages are listening now. */
  clients(): number;
  close(): Promise<void>;
}

export interface ContentEventsOptions extends WatchOptions {
  roots: readonly string[];
  port?: number;
  host?: string;
  /** Called for every burst of changes (the dev script logs it). */
  onChange?: (files: string[]) => void;
}

/** `GET /events` streams `event: change` with `{ files }` after each save under `roots`. */
export async function startContentEvents(options: ContentEventsOptions): Promise<ContentEvents> {
  const listeners = new Set<ServerResponse>();
  const watcher = watchContent(
    options.roots,
    (files) => {
      options.onChange?.(files);
      const message = `event: change\ndata: ${JSON.stringify({ files })}\n\n`;
      for (const res of listeners) res.write(message);
    },
    options,
  );

  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/events') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /events is served here (chapter change notices for npm run dev).\n');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // The page comes from next dev's port, so this is a cross-origin EventSource.
      'access-control-allow-origin': '*',
    });
    // `retry`: after the dev server restarts, the page reconnects within a second.
    res.write('retry: 1000\n: listening for chapter changes\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  });
  // A comment every 25 s keeps proxies and idle timeouts from closing the stream.
  const keepAlive = setInterval(() => {
    for (const res of listeners) res.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    clients: () => listeners.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        watcher.close();
        for (const res of listeners) res.end();
        server.close(() => resolve());
      }),
  };
}
