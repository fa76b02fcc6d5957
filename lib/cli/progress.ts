// A one-line progress bar with ETA on stderr. On a terminal it redraws in place; when stderr is
// a file (a background training log) it prints a plain line now and then instead.

export interface ProgressWriter {
  write(text: string): void;
  isTTY: boolean;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(rest).padStart(2, '0')}s` : `${rest}s`;
}

export interface ProgressOptions {
  /** Without a terminal, print a line at most this often (ms; default 30 s). */
  plainEveryMs?: number;
  /** Milliseconds clock (default Date.now); tests pass a fake one. */
  now?: () => number;
}

export class ProgressBar {
  private readonly now: () => number;
  private readonly plainEveryMs: number;
  private readonly started: number;
  /** When the last plain line was printed; -Infinity so the first update always prints one. */
  private lastPlainLine = -Infinity;

  constructor(
    private readonly total: number,
    private readonly out: ProgressWriter,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.plainEveryMs = options.plainEveryMs ?? 30_000;
    this.started = this.now();
  }

  update(done: number, info: string): void {
    const now = this.now();
    const elapsed = (now - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (this.total - done) : NaN;
    const width = 24;
    const filled = Math.min(width, Math.max(0, Math.round((done / this.total) * width)));
    const pct = ((100 * done) / this.total).toFixed(0).padStart(3);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${pct}% ${info} | ${formatDuration(elapsed)} elapsed, ETA ${formatDuration(eta)}`;
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K`);
    } else if (done === this.total || now - this.lastPlainLine >= this.plainEveryMs) {
      this.lastPlainLine = now;
      this.out.write(line + '\n');
    }
  }

  /** Print a message on its own line (keeps the bar intact on a terminal). */
  log(message: string): void {
    this.out.write(this.out.isTTY ? `\r\x1b[K${message}\n` : message + '\n');
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
