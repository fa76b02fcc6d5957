// Dev only: says which chapter files changed, so `npm run dev` can refresh the pages that show
// them (docs/content-pipeline.md, "Writing with npm run dev"). Next.js does not watch content/:
// chapters are read with readFileSync, outside its module graph.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface ContentWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time before one notice goes out: an editor's save is often several writes and a rename. */
  debounceMs?: number;
  /** Paths in notices are relative to this folder, `/`-separated. */
  repoRoot?: string;
}

/**
 * Watches every `.mdx` under `roots` (recursively; a root that does not exist is an error, so a
 * typo does not silently watch nothing) and calls `onChange` with the changed files once per burst.
 */
export function watchContent(roots: readonly string[], onChange: (files: string[]) => void, options: WatchOptions = {}): ContentWatcher {
  const { debounceMs = 60, repoRoot = process.cwd() } = options;
  for (const root of roots) {
    if (!existsSync(root)) throw new Error(`watchContent: content folder ${root} does not exist`);
  }
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending].sort();
    pending = new Set();
    onChange(files);
  };
  const watchers: FSWatcher[] = roots.map((root) =>
    // Recursive watching works on Linux from Node 20 (and natively on macOS and Windows).
    watch(root, { recursive: true }, (_event, name) => {
      // Editors also write swap and backup files (.x.mdx.swp, x.mdx~): only the chapter counts.
      if (!name || !String(name).endsWith('.mdx')) return;
      pending.add(path.relative(repoRoot, path.join(root, String(name))).split(path.sep).join('/'));
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    }),
  );
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
