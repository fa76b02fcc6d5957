// Axis helpers for scaling plots, where one axis spans many decades (1e6 … 1e13 parameters).
// Pure functions (unit-tested in tests/unit/log-axis.test.ts).

/**
 * Tick values for a log axis over [min, max]: 1, 2, 5 × 10^k when the range spans at most three
 * decades, only powers of ten when it spans more (else the labels collide), every other power of
 * ten beyond ten decades.
 */
export function axisTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades = Math.log10(max / min);
  const mantissas = decades <= 3 ? [1, 2, 5] : [1];
  const stride = decades > 10 ? 2 : 1;
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) {
    if (mantissas.length === 1 && k % stride !== 0) continue;
    for (const m of mantissas) {
      const t = Number((m * 10 ** k).toPrecision(6));
      if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A count in the way papers print model sizes and token counts: 175B, 1.4T, 400M, 8k; from 1e16
 * (1,000T is still read as tokens) and below 1e-3 in scientific notation (5.76e23). Up to three
 * significant digits.
 */
export function compactNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e16 - 0.5 || a < 1e-3) return scientific(v);
  for (const [size, suffix] of SUFFIXES) {
    if (a >= size) return `${Number((v / size).toPrecision(3))}${suffix}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** 5.76e23 → "5.76e23" (no "+", at most three significant digits). */
export function scientific(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}
