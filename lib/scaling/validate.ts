// Argument checks shared by the scaling library. Every message names the function and the
// argument that is wrong, so a bad slider value or a malformed sweep fails where it happened.

/** Throws unless `value` is a finite number greater than zero. */
export function requirePositive(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: ${name} must be a positive finite number, got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number (any sign). */
export function requireFinite(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Checks a pair of data series for a fit in log space: same length, at least `minPoints` points,
 * every value positive and finite, and at least two distinct x values (otherwise no slope exists).
 */
export function requirePositiveSeries(
  fn: string,
  xs: readonly number[],
  ys: readonly number[],
  minPoints: number,
): void {
  if (!Array.isArray(xs)) throw new TypeError(`${fn}: xs must be an array of numbers`);
  if (!Array.isArray(ys)) throw new TypeError(`${fn}: ys must be an array of numbers`);
  if (xs.length !== ys.length) {
    throw new RangeError(`${fn}: xs and ys must have the same length, got ${xs.length} and ${ys.length}`);
  }
  if (xs.length < minPoints) {
    throw new RangeError(`${fn}: needs at least ${minPoints} points, got ${xs.length}`);
  }
  xs.forEach((x, i) => requirePositive(fn, `xs[${i}]`, x));
  ys.forEach((y, i) => requirePositive(fn, `ys[${i}]`, y));
  if (xs.every((x) => x === xs[0])) {
    throw new RangeError(`${fn}: xs must contain at least two distinct values (all are ${xs[0]})`);
  }
}
