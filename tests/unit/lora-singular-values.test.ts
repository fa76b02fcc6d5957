// The singular values LoRALab draws for ΔW: exact on a matrix built from known ones, and a
// rank-r product has exactly r of them away from zero.
import { describe, expect, it } from 'vitest';
import { singularValues } from '@/lib/engine/features/lora/singular-values';
import { createRng } from '@/lib/sample/rng';

/** Householder reflection I − 2vvᵀ/(vᵀv), an orthogonal n × n matrix (row-major). */
function reflection(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const v = Array.from({ length: n }, () => rng.normal());
  const vv = v.reduce((s, x) => s + x * x, 0);
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
  return h;
}

function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

describe('singularValues (one-sided Jacobi)', () => {
  it('recovers known singular values of U·diag(s)·Vᵀ, in either orientation', () => {
    const s = [9, 4, 2.5, 1, 0.25, 0.001];
    const m = 10;
    const n = 6;
    const sigma = new Float64Array(m * n);
    s.forEach((v, i) => (sigma[i * n + i] = v));
    const matrix = matmul(matmul(reflection(m, 1), sigma, m, m, n), reflection(n, 2), m, n, n); // [10, 6]
    const got = singularValues(matrix, m, n);
    expect(got).toHaveLength(6);
    got.forEach((v, i) => expect(v).toBeCloseTo(s[i], 10));
    const transposed = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) transposed[j * m + i] = matrix[i * n + j];
    singularValues(transposed, n, m).forEach((v, i) => expect(v).toBeCloseTo(s[i], 10));
  });

  it('gives a rank-r product A·B exactly r values away from zero, and Σσ² = ‖AB‖²', () => {
    const rng = createRng(3);
    const [m, r, n] = [48, 3, 64];
    const a = Float64Array.from({ length: m * r }, () => rng.normal());
    const b = Float64Array.from({ length: r * n }, () => rng.normal());
    const product = matmul(a, b, m, r, n);
    const sv = singularValues(product, m, n);
    expect(sv).toHaveLength(48);
    expect(sv[r - 1]).toBeGreaterThan(1);
    for (const v of sv.slice(r)) expect(v / sv[0]).toBeLessThan(1e-12);
    const frobenius = product.reduce((s, x) => s + x * x, 0);
    expect(sv.reduce((s, x) => s + x * x, 0)).toBeCloseTo(frobenius, 6);
  });

  it('names a wrong shape and a non-finite entry', () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(/3 values for shape \[2, 2\]/);
    expect(() => singularValues([1, NaN, 3, 4], 2, 2)).toThrow(/entry \(0, 1\) is NaN/);
  });
});
