// Pure helpers of LossChart (unit-tested): EMA smoothing, axis ticks, scales.

/** TensorBoard's debiased exponential moving average: the first values are not dragged to 0. */
export function emaSmooth(values: number[], weight: number): number[] {
  if (!(weight > 0)) return values.slice();
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}

/** About `count` round tick values covering [min, max] (1, 2, 5 × 10^k steps). */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Ticks for a log axis: 1, 2, 5 × 10^k inside [min, max] (falls back to linear ticks for a narrow range). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** k;
      if (t >= min && t <= max) ticks.push(Number(t.toPrecision(6)));
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(min, max, 4);
}

/**
 * The y domain of a loss chart: the values' range with 8 % headroom, but never narrower than a tenth
 * of the top value — one point, or a flat start, would otherwise give ticks 0.002 apart whose
 * 3-digit labels repeat (4.12, 4.12, 4.13).
 */
export function lossDomain(lo: number, hi: number, log: boolean): [number, number] {
  const minSpan = Math.max(hi * 0.1, 1e-6);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    [lo, hi] = [mid - minSpan / 2, mid + minSpan / 2];
  }
  if (log) return [Math.max(lo, 1e-6) * 0.9, hi * 1.1];
  const pad = (hi - lo) * 0.08;
  return [Math.max(0, lo - pad), hi + pad];
}

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

export function scale(domain: [number, number], range: [number, number], log = false): Scale {
  const f = log ? Math.log : (v: number) => v;
  const [d0, d1] = [f(domain[0]), f(domain[1])];
  const span = d1 - d0 || 1;
  const s = ((v: number) => range[0] + ((f(v) - d0) / span) * (range[1] - range[0])) as Scale;
  s.domain = domain;
  return s;
}

/** A compact tick label: 0.001 → "1e-3", 2.5 → "2.5", 1200 → "1.2k". */
export function tickLabel(v: number): string {
  if (v !== 0 && Math.abs(v) < 0.01) return v.toExponential(0).replace('e-', 'e-');
  if (Math.abs(v) >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}
