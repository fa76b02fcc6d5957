// Singular values of a small dense matrix (ΔW of one linear: at most 512 × 512 here) by one-sided
// Jacobi (Hestenes 1958): rotate pairs of columns until every pair is orthogonal; the column norms
// are then the singular values. Works in float64 on the matrix itself (no Gram matrix, whose
// squaring would hide small singular values), so the values beyond a product's rank come out at
// the size of the input's own rounding — that is what makes "rank ≤ r" visible. Pure; no tfjs.

/**
 * σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0, k = min(rows, cols), of the row-major [rows, cols] matrix `values`.
 * Throws on a size mismatch or a non-finite entry, naming it.
 */
export function singularValues(values: ArrayLike<number>, rows: number, cols: number, maxSweeps = 60): number[] {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new Error(`singularValues: bad shape [${rows}, ${cols}]`);
  if (values.length !== rows * cols) throw new Error(`singularValues: ${values.length} values for shape [${rows}, ${cols}] (expected ${rows * cols})`);
  // Work on columns of the taller orientation: n = min(rows, cols) columns of length m.
  const transpose = cols > rows;
  const m = transpose ? cols : rows;
  const n = transpose ? rows : cols;
  // cols[j] is column j of the working matrix (float64), m long.
  const columns: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const v = transpose ? values[j * cols + i] : values[i * cols + j];
      if (!Number.isFinite(v)) throw new Error(`singularValues: entry (${transpose ? j : i}, ${transpose ? i : j}) is ${v}`);
      c[i] = v;
    }
    columns.push(c);
  }
  const eps = 1e-15;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const a = columns[p];
        const b = columns[q];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += a[i] * a[i];
          beta += b[i] * b[i];
          gamma += a[i] * b[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the pair's inner product (Golub & Van Loan, §8.6).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = a[i];
          const y = b[i];
          a[i] = c * x - s * y;
          b[i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  return columns.map((c) => Math.sqrt(c.reduce((sum, v) => sum + v * v, 0))).sort((x, y) => y - x);
}
