// `npm run dev` refreshes open pages when a chapter is saved: scripts/dev.ts runs this watcher and
// Server-Sent Events server beside `next dev` (the browser half is checked end to end by
// scripts/check-dev-reload.ts). Here: a save reaches a listening page as one notice naming the
// file, editor side files do not, and a mistyped folder is an error rather than silence.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chapterParamsFromFileNames, loadBook } from '@/lib/content';
import { startContentEvents, type ContentEvents } from '@/lib/content/dev-events';
import { watchContent } from '@/lib/content/watch';

let repo: string;
let events: ContentEvents | undefined;
beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'book-dev-events-'));
  for (const locale of ['zh', 'en']) mkdirSync(path.join(repo, 'content', locale), { recursive: true });
});
afterEach(async () => {
  await events?.close();
  events = undefined;
  rmSync(repo, { recursive: true, force: true });
});

/** Opens GET /events the way EventSource does and collects the `change` notices it receives. */
async function listen(port: number) {
  const notices: string[][] = [];
  let buffer = '';
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(`http://127.0.0.1:${port}/events`, resolve).on('error', reject));
  res.setEncoding('utf8');
  const opened = new Promise<void>((resolve) => {
    res.on('data', (chunk: string) => {
      buffer += chunk;
      resolve();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: change\ndata: (.*)$/m.exec(block);
        if (data) notices.push((JSON.parse(data[1]) as { files: string[] }).files);
      }
    });
  });
  await opened;
  return { res, notices, close: () => res.destroy() };
}

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('chapter change notices for npm run dev', () => {
  it('sends one notice per save burst, naming the chapter file, to every listening page', async () => {
    events = await startContentEvents({ roots: [path.join(repo, 'content')], repoRoot: repo, host: '127.0.0.1', debounceMs: 80 });
    const a = await listen(events.port);
    const b = await listen(events.port);
    expect(a.res.headers['content-type']).toBe('text/event-stream');
    expect(a.res.headers['access-control-allow-origin']).toBe('*'); // the page is on next dev's port
    await until(() => events!.clients() === 2, 'two listeners');

    // An editor's save: several writes, plus swap and backup files that must not count.
    const chapter = path.join(repo, 'content', 'en', '01-intro.mdx');
    writeFileSync(chapter, '---\ntitle: A\n---\n');
    writeFileSync(chapter, '---\ntitle: A\n---\n\n## Edited\n');
    writeFileSync(path.join(repo, 'content', 'en', '.01-intro.mdx.swp'), 'x');
    writeFileSync(path.join(repo, 'content', 'en', '01-intro.mdx~'), 'x');
    await until(() => a.notices.length > 0 && b.notices.length > 0, 'the first notice');
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives for the same burst
    expect(a.notices).toEqual([['content/en/01-intro.mdx']]);
    expect(b.notices).toEqual([['content/en/01-intro.mdx']]);

    writeFileSync(path.join(repo, 'content', 'zh', '01-intro.mdx'), '---\ntitle: 甲\n---\n');
    await until(() => a.notices.length === 2, 'the second notice');
    expect(a.notices[1]).toEqual(['content/zh/01-intro.mdx']);

    a.close();
    await until(() => events!.clients() === 1, 'a closed page to be forgotten');
    b.close();
  });

  it('answers 404 for anything but GET /events', async () => {
    events = await startContentEvents({ roots: [path.join(repo, 'content')], repoRoot: repo, host: '127.0.0.1' });
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`http://127.0.0.1:${events!.port}/`, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(404);
  });

  it('names a content folder that does not exist instead of watching nothing', () => {
    const missing = path.join(repo, 'contnet');
    expect(() => watchContent([missing], () => {})).toThrow(`watchContent: content folder ${missing} does not exist`);
  });

  it('still lists the chapter pages while a front-matter mistake is being typed', () => {
    const front = (order: string) => `---\ntitle: A chapter\norder: ${order}\nsummary: One.\nsources: []\n---\n\n## S\n`;
    writeFileSync(path.join(repo, 'content', 'zh', '01-intro.mdx'), front('1'));
    writeFileSync(path.join(repo, 'content', 'en', '01-intro.mdx'), front('one'));
    const roots = [path.join(repo, 'content')];
    expect(() => loadBook(roots, repo)).toThrow('content/en/01-intro.mdx:3:');
    expect(chapterParamsFromFileNames(roots)).toEqual([
      { locale: 'zh', chapter: 'intro' },
      { locale: 'en', chapter: 'intro' },
    ]);
  });
});
