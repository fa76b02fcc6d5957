// The CLI's training progress bar (lib/cli/progress.ts), driven with a fake writer and a fake
// clock: what a person watching `npm run gpt -- train` sees on a terminal and in a log file.
import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar } from '@/lib/cli/progress';

/** A writer that records every write, and a clock the test moves by hand (ms). */
function fakeTerminal(isTTY: boolean) {
  const writes: string[] = [];
  let ms = 1_000_000;
  return {
    writes,
    out: { write: (t: string) => void writes.push(t), isTTY },
    now: () => ms,
    advance: (seconds: number) => void (ms += seconds * 1000),
  };
}

describe('formatDuration', () => {
  it('writes seconds, minutes+seconds and hours+minutes, rounding to the second', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.4)).toBe('0s');
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(59.6)).toBe('1m00s'); // rounds up into the next unit, not "60s"
    expect(formatDuration(61)).toBe('1m01s');
    expect(formatDuration(3599.4)).toBe('59m59s');
    expect(formatDuration(3599.6)).toBe('1h00m');
    expect(formatDuration(3 * 3600 + 5 * 60 + 59)).toBe('3h05m'); // hours drop the seconds
    expect(formatDuration(30 * 3600)).toBe('30h00m');
  });

  it('writes "?" for an unknown duration (no step done yet, a negative clock difference)', () => {
    expect(formatDuration(NaN)).toBe('?');
    expect(formatDuration(Infinity)).toBe('?');
    expect(formatDuration(-1)).toBe('?');
  });
});

describe('ProgressBar on a terminal', () => {
  it('redraws one line in place with \\r, the step, the percentage and an ETA from the pace so far', () => {
    const term = fakeTerminal(true);
    const bar = new ProgressBar(100, term.out, { now: term.now });
    term.advance(10);
    bar.update(10, 'loss 2.5000');
    // 10 steps in 10 s → 90 steps left take 90 s.
    expect(term.writes).toEqual([`\r[##......................] 10/100  10% loss 2.5000 | 10s elapsed, ETA 1m30s\x1b[K`]);
    term.advance(30);
    bar.update(40, 'loss 2.0000');
    // 40 steps in 40 s → 60 s left.
    expect(term.writes[1]).toBe(`\r[##########..............] 40/100  40% loss 2.0000 | 40s elapsed, ETA 1m00s\x1b[K`);
    for (const w of term.writes) {
      expect(w.startsWith('\r')).toBe(true);
      expect(w).not.toContain('\n'); // the bar never scrolls the terminal
    }
  });

  it('prints a log message on its own line, clearing the bar first; finish() ends the line', () => {
    const term = fakeTerminal(true);
    const bar = new ProgressBar(4, term.out, { now: term.now });
    bar.update(0, 'starting');
    expect(term.writes[0]).toMatch(/ETA \?\x1b\[K$/); // no step yet: no pace to extrapolate
    bar.log('step 2: train 2.1 val 2.3');
    expect(term.writes[1]).toBe('\r\x1b[Kstep 2: train 2.1 val 2.3\n');
    term.advance(8);
    bar.update(4, 'done');
    expect(term.writes[2]).toContain('4/4 100%');
    expect(term.writes[2]).toContain('8s elapsed, ETA 0s');
    bar.finish();
    expect(term.writes[3]).toBe('\n');
  });
});

describe('ProgressBar into a log file (not a terminal)', () => {
  it('prints plain lines: the first update at once, then at most one per 30 s, and always the last step', () => {
    const log = fakeTerminal(false);
    const bar = new ProgressBar(1000, log.out, { now: log.now });
    const printedSteps = () => log.writes.map((w) => Number(/ (\d+)\/1000 /.exec(w)![1]));
    for (let step = 1; step <= 1000; step++) {
      log.advance(0.5); // 2 steps per second: one line every 60 steps
      bar.update(step, `loss ${(3 - step / 1000).toFixed(3)}`);
    }
    expect(printedSteps()).toEqual([1, ...Array.from({ length: 16 }, (_, i) => 61 + 60 * i), 1000]);
    for (const w of log.writes) {
      expect(w.endsWith('\n')).toBe(true);
      expect(w).not.toContain('\r');
      expect(w).not.toContain('\x1b'); // no terminal escapes in a log file
    }
    // The line at step 61 (30.5 s in, 939 steps left at 0.5 s each) carries its ETA.
    expect(log.writes[1]).toContain('61/1000   6% loss 2.939 | 31s elapsed, ETA 7m50s');
    bar.finish();
    expect(log.writes).toHaveLength(18); // finish() adds nothing to a log file
    bar.log('saved');
    expect(log.writes.at(-1)).toBe('saved\n');
  });

  it('honours a custom interval', () => {
    const log = fakeTerminal(false);
    const bar = new ProgressBar(10, log.out, { now: log.now, plainEveryMs: 5_000 });
    for (let step = 1; step <= 10; step++) {
      log.advance(2);
      bar.update(step, '');
    }
    // Lines at 2 s (first), 8 s (≥ 5 s later), 14 s, then the last step at 20 s.
    expect(log.writes.map((w) => /(\d+)\/10/.exec(w)![1])).toEqual(['1', '4', '7', '10']);
  });
});
